export * from '../modules/schools/schools.schema.ts';
export * from '../platform/audit/audit.schema.ts';
export * from '../platform/auth/auth.schema.ts';
export * from '../platform/mail/mail.schema.ts';
export * from '../platform/tenants/tenants.schema.ts';
