import { z } from 'zod';
import { pageSchema } from './fields.ts';

export const outboxMailSchema = z.object({
  id: z.uuid(),
  to: z.string(),
  subject: z.string(),
  text: z.string(),
  createdAt: z.string(),
});
export const outboxPageSchema = pageSchema(outboxMailSchema);
