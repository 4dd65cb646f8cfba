/** Query keys of the pupil register: a school's list, one pupil's entry, a picker's search. */
export const pupilKeys = {
  all: ['pupils'] as const,
  lists: () => [...pupilKeys.all, 'list'] as const,
  list: (locationId: string, q: string, page: number) => [...pupilKeys.lists(), locationId, q, page] as const,
  detail: (pupilId: string) => [...pupilKeys.all, 'detail', pupilId] as const,
};

/** The locations the signed-in user works at, by id and name (the register is per location). */
export function locationsOf(
  roles: ReadonlyArray<{ locationId: string | null; locationName: string | null }>,
) {
  return [
    ...new Map(
      roles
        .filter((role) => role.locationId && role.locationName)
        .map((role) => [role.locationId as string, role.locationName as string]),
    ),
  ].map(([id, name]) => ({ id, name }));
}
