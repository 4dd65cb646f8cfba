/** The query keys of the privacy screens. */
export const privacyKeys = {
  all: ['privacy'] as const,
  accessSignals: (query: object) => ['privacy', 'access-signals', query] as const,
  auditEvents: (query: object, pupil: object | null) => ['privacy', 'audit-events', query, pupil] as const,
  auditEventKinds: ['privacy', 'audit-event-kinds'] as const,
  processingRegister: (language: string) => ['processing-register', language] as const,
};
