import { z } from 'zod';
import { pageSchema } from './fields.ts';

export const sectorSchema = z.enum(['bo', 'sbo', 'so', 'vo', 'vso']);
export type Sector = z.infer<typeof sectorSchema>;

export const locationSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  brin: z.string(),
  locationCode: z.string(),
  sector: sectorSchema,
  place: z.string(),
});
export type Location = z.infer<typeof locationSchema>;
export const locationPageSchema = pageSchema(locationSchema);
