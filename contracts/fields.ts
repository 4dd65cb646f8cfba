import { z } from 'zod';

/** Shared field schemas with their limits: every string has a maximum length. */
export const emailSchema = z
  .string()
  .trim()
  .max(254)
  .pipe(z.email())
  .transform((value) => value.toLowerCase());

/** A password is checked for strength by the server (length, common list); this only bounds the input. */
export const passwordInputSchema = z.string().min(1).max(256);
export const newPasswordSchema = z.string().min(12).max(256);
export const personNameSchema = z.string().trim().min(1).max(200);
export const totpCodeSchema = z
  .string()
  .trim()
  .regex(/^\d{6}$/);
export const recoveryCodeSchema = z.string().trim().min(8).max(32);
export const tokenSchema = z.string().min(20).max(200);
export const localeSchema = z.enum(['nl', 'en']);
export type Locale = z.infer<typeof localeSchema>;

export const paginationQuerySchema = z.strictObject({
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
  q: z.string().trim().max(100).optional(),
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
