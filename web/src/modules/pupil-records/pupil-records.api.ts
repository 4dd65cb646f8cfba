/** Query keys of the expertise point's records: contacts, referrals, teacher support, signals, overview. */
export const pupilRecordKeys = {
  all: ['pupil-records'] as const,
  contacts: (trajectoryId: string) => [...pupilRecordKeys.all, 'contacts', trajectoryId] as const,
  contactsPage: (trajectoryId: string, page: number) =>
    [...pupilRecordKeys.contacts(trajectoryId), { page }] as const,
  referrals: (trajectoryId: string) => [...pupilRecordKeys.all, 'referrals', trajectoryId] as const,
  referralsPage: (trajectoryId: string, page: number) =>
    [...pupilRecordKeys.referrals(trajectoryId), { page }] as const,
  teacherSupport: () => [...pupilRecordKeys.all, 'teacher-support'] as const,
  teacherSupportList: (filters: {
    locationId?: string;
    kind?: string;
    from?: string;
    to?: string;
    page: number;
  }) => [...pupilRecordKeys.teacherSupport(), filters] as const,
  signals: (locationId: string) => [...pupilRecordKeys.all, 'signals', locationId] as const,
  overview: (locationId: string | undefined, page: number) =>
    [...pupilRecordKeys.all, 'overview', locationId ?? null, { page }] as const,
};
