import { z } from 'zod';
import { retentionKindSchema, retentionUnits } from './retention.ts';
import { roleSchema } from './roles.ts';

/**
 * The processing register (verwerkingsregister, AVG art. 30; issue 15, point 5) as the page and the PDF
 * show it: per kind of data its purpose, legal basis, categories of people, who can see it (from the
 * policy table), how long it is kept (from the partnership's retention schedule) and where it is stored.
 * The texts come in the reader's language; the codes beside them let a test or a tool read it too.
 */
export const registerAccessSchema = z.object({
  role: roleSchema,
  /** The role's name, e.g. "Intern begeleider". */
  roleName: z.string(),
  /** The reach, in words: "eigen school", "het hele samenwerkingsverband", … */
  scopes: z.array(z.string()),
});
export type RegisterAccess = z.infer<typeof registerAccessSchema>;

export const registerRetentionSchema = z.object({
  /** The kinds of the schedule that delete it (none: a declared period). */
  kinds: z.array(
    z.object({ kind: retentionKindSchema, amount: z.number().int(), unit: z.enum(retentionUnits) }),
  ),
  text: z.string(),
});

export const registerEntrySchema = z.object({
  id: z.string(),
  name: z.string(),
  purpose: z.string(),
  data: z.string(),
  categories: z.array(z.string()),
  /** AVG art. 6, art. 9 where special-category data is processed, the Dutch laws and consent (R8). */
  legalBasis: z.array(z.string()),
  specialCategory: z.boolean(),
  access: z.array(registerAccessSchema),
  retention: registerRetentionSchema,
  storage: z.string(),
  tables: z.array(z.string()),
});
export type RegisterEntry = z.infer<typeof registerEntrySchema>;

export const processingRegisterSchema = z.object({
  partnershipName: z.string(),
  /** The controller and where the register's data lives, in words. */
  controller: z.string(),
  entries: z.array(registerEntrySchema),
  /** Tables that hold no personal data, with the reason (for completeness). */
  otherTables: z.array(z.object({ table: z.string(), reason: z.string() })),
});
export type ProcessingRegister = z.infer<typeof processingRegisterSchema>;
