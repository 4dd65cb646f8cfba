/** The query keys of the retention screens: one prefix, so a change refreshes all of them at once. */
export const retentionKeys = {
  all: ['retention'] as const,
  schedule: ['retention', 'schedule'] as const,
  preview: ['retention', 'preview'] as const,
  legalHolds: ['retention', 'legal-holds'] as const,
  deletionLog: (page: number) => ['retention', 'deletion-log', page] as const,
};
