/** The query keys of the admin screens: the prefixes invalidate every page below them. */
export const adminKeys = {
  /** Every page of the user list. */
  users: ['users'] as const,
  userList: (filters: Record<string, string | number | undefined>) => ['users', 'list', filters] as const,
  /** Every page of the outbox. */
  outbox: ['outbox'] as const,
  outboxList: (filters: Record<string, string | number | undefined>) => ['outbox', 'list', filters] as const,
};
