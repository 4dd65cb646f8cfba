/** The query keys of the data-subject request screens. */
export const subjectAccessKeys = {
  all: ['subject-requests'] as const,
  list: (query: object) => ['subject-requests', 'list', query] as const,
  detail: (id: string) => ['subject-requests', id] as const,
};
