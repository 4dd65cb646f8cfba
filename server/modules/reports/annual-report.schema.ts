import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { annualReportSections, annualReportTextMaxLength } from '../../../contracts/annual-report.ts';
import { tenantColumn, tenantIsolation, tenantKey, tenantReference } from '../../db/tenancy.ts';
import { users } from '../../platform/auth/auth.schema.ts';
import { tenants } from '../../platform/tenants/tenants.schema.ts';

/**
 * The staff office's own text per section of a school year's annual report (S2): one row per section
 * that has been written, replaced as it is saved again.
 */
export const annualReportTexts = pgTable(
  'annual_report_texts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantColumn().references(() => tenants.id),
    schoolYear: integer('school_year').notNull(),
    section: text('section', { enum: annualReportSections }).notNull(),
    text: text('text').notNull(),
    updatedByUserId: uuid('updated_by_user_id').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (table) => [
    // One text per section and year; the unique index is also the filter by school year.
    unique('annual_report_texts_section_key').on(table.tenantId, table.schoolYear, table.section),
    index('annual_report_texts_updated_by_idx').on(table.updatedByUserId),
    check(
      'annual_report_texts_section',
      sql.raw(`"section" in (${annualReportSections.map((section) => `'${section}'`).join(', ')})`),
    ),
    check('annual_report_texts_length', sql.raw(`char_length("text") <= ${annualReportTextMaxLength}`)),
    tenantIsolation(table.tenantId),
    tenantKey(table.tenantId, table.id),
    tenantReference([table.tenantId, table.updatedByUserId], [users.tenantId, users.id]),
  ],
);
