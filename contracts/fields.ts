import { z } from 'zod';

/**
 * Shared field schemas with their limits: every string has a maximum length and refuses characters
 * that have no business in text, every date lies in a sane range. Contracts use these pieces rather
 * than bare `z.string()` or `z.iso.date()` for input, so a limit is set once for every route and form.
 */

// Control characters (C0, DEL, C1) and lone UTF-16 surrogates: PostgreSQL cannot store NUL (22021),
// and a lone surrogate would silently become U+FFFD on the way to the database.
const controlOrLoneSurrogate = /[\p{Cc}\p{Cs}]/u;
// Multi-line text keeps tab, line feed and carriage return.
const controlOrLoneSurrogateExceptLineBreaks = /(?![\t\n\r])[\p{Cc}\p{Cs}]/u;

/** Whether a text holds only characters that belong in one line of text. */
export function isSingleLineText(value: string): boolean {
  return !controlOrLoneSurrogate.test(value);
}

/** Whether a text holds only characters that belong in text of several lines. */
export function isMultilineText(value: string): boolean {
  return !controlOrLoneSurrogateExceptLineBreaks.test(value);
}

/** One line of text (a name, a title, a code, a search term): trimmed, at most `max` characters. */
export function textSchema(max: number) {
  return z.string().trim().max(max).refine(isSingleLineText, { message: 'invalid_characters' });
}

/** Free text that may run over several lines (a note, minutes, a reason): tab and line breaks allowed. */
export function multilineTextSchema(max: number) {
  return z.string().trim().max(max).refine(isMultilineText, { message: 'invalid_characters' });
}

/** The earliest and latest calendar date any input may name. */
export const dateRange = { earliest: '1900-01-01', latest: '2100-12-31' } as const;

/**
 * A calendar date (YYYY-MM-DD) as input: a real date between 1900 and 2100. Year 0000 passes the ISO
 * pattern but not PostgreSQL (22008), and nothing in a school's work lies outside this range.
 */
export const dateSchema = z.iso.date().refine(isWithinDateRange, { message: 'date_out_of_range' });

/** Whether a date lies in the range; what is not a date at all is left to the format check alone. */
function isWithinDateRange(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return true;
  return value >= dateRange.earliest && value <= dateRange.latest;
}

/** A uuid as text, for values that must be one before they are written into a statement. */
export const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A period whose `to` lies before its `from` is refused on `to` (either may be absent). */
export function endNotBeforeStart(value: { from?: string; to?: string }, context: z.RefinementCtx): void {
  if (value.from && value.to && value.to < value.from)
    context.addIssue({ code: 'custom', path: ['to'], message: 'end_before_start' });
}

/** A school year by its start year (2026 is 2026-2027), as a query or path parameter gives it. */
export const schoolYearSchema = z.coerce.number().int().min(1990).max(2100);

/** A calendar date (YYYY-MM-DD) in a response: what is stored, without the input's range check. */
export const storedDateSchema = z.iso.date();

export const emailSchema = z
  .string()
  .trim()
  .max(254)
  .pipe(z.email())
  .transform((value) => value.toLowerCase());

/**
 * A password is checked for strength by the server (length, common list); this only bounds the input.
 * A password that is only compared is taken as typed (one set before these limits must still work); a
 * new one refuses control characters and lone surrogates, which would not survive encoding unchanged.
 */
export const passwordInputSchema = z.string().min(1).max(256);
export const newPasswordSchema = z.string().min(12).max(256).refine(isSingleLineText, {
  message: 'invalid_characters',
});
export const personNameSchema = textSchema(200).min(1);
export const totpCodeSchema = z
  .string()
  .trim()
  .regex(/^\d{6}$/);
export const recoveryCodeSchema = textSchema(32).min(8);
export const tokenSchema = z.string().min(20).max(200).refine(isSingleLineText, {
  message: 'invalid_characters',
});
export const localeSchema = z.enum(['nl', 'en']);
export type Locale = z.infer<typeof localeSchema>;

export const paginationQuerySchema = z.strictObject({
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
  q: textSchema(100).optional(),
});
export type PaginationQuery = z.infer<typeof paginationQuerySchema>;

/** A page of results with the total, so screens can show "1–25 of 312". */
export function pageSchema<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    page: z.number().int(),
    pageSize: z.number().int(),
    total: z.number().int(),
  });
}
