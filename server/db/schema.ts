export * from '../modules/expertise-points/expertise-points.schema.ts';
export * from '../modules/requests/requests.schema.ts';
export * from '../modules/schools/schools.schema.ts';
export * from '../modules/team/team.schema.ts';
export * from '../platform/audit/audit.schema.ts';
export * from '../platform/auth/auth.schema.ts';
export * from '../platform/mail/mail.schema.ts';
export * from '../platform/tenants/tenants.schema.ts';
