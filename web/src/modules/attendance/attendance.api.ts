/** Query keys of the expertise point's daily use: today's screen, the week, a pupil's stays and homework. */
export const attendanceKeys = {
  all: ['attendance'] as const,
  today: (locationId: string | undefined) => [...attendanceKeys.all, 'today', locationId ?? null] as const,
  week: (filters: { locationId?: string; week?: string; q: string; page: number }) =>
    [...attendanceKeys.all, 'week', filters] as const,
  period: (trajectoryId: string, filters: { from?: string; to?: string; page: number }) =>
    [...attendanceKeys.all, 'period', trajectoryId, filters] as const,
  homework: (trajectoryId: string) => [...attendanceKeys.all, 'homework', trajectoryId] as const,
  homeworkPage: (trajectoryId: string, page: number) =>
    [...attendanceKeys.homework(trajectoryId), { page }] as const,
};
