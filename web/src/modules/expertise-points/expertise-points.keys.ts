/** The query keys of the expertise-point screens: the prefix invalidates the list and every location. */
export const expertisePointKeys = {
  all: ['expertise-points'] as const,
  list: (filters: Record<string, string | number | boolean | undefined>) =>
    ['expertise-points', 'list', filters] as const,
  location: (locationId: string) => ['expertise-points', 'location', locationId] as const,
};
