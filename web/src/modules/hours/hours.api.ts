/**
 * Query keys of the hours screens, so a change refreshes exactly what it touched: a time entry moves
 * the budgets too. The team and request keys keep the prefixes of their own modules, so their caches
 * are shared and their invalidations reach these queries as well.
 */
export const hoursKeys = {
  allocations: (schoolYear: number) => ['allocations', schoolYear] as const,
  allocation: (allocationId: string | undefined) => ['allocation', allocationId] as const,
  /** A comparison of scenarios, by its settings (the same settings answer from the cache). */
  scenarios: (input: unknown) => ['allocation-scenarios', input] as const,
  /** Every list of time entries, of every member and period. */
  timeEntries: ['time-entries'] as const,
  timeEntryList: (userId: string | null, query: Record<string, string | undefined>) =>
    ['time-entries', userId, query] as const,
  closedPeriods: ['closed-periods'] as const,
  closedPeriodList: (schoolYear: number) => ['closed-periods', schoolYear] as const,
  /** Every budget: the overview, the members' and each school's. */
  budgets: ['budgets'] as const,
  budgetOverview: (schoolYear: number, page: number) => ['budgets', 'overview', schoolYear, page] as const,
  memberBudgets: (schoolYear: number, page: number) => ['budgets', 'members', schoolYear, page] as const,
  schoolBudget: (locationId: string, schoolYear: number) =>
    ['budgets', 'school', locationId, schoolYear] as const,
  timeMembers: ['team', 'time-members'] as const,
  memberProfile: (userId: string | null) => ['team', userId] as const,
  requestsForTime: (userId: string | null, locationId: string) =>
    ['requests', 'for-time', userId, locationId] as const,
};
