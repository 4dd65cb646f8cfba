import type { z } from 'zod';
import { uploadForm } from '../../app/api.ts';

/** The fields the import form sends next to the file. */
export type ImportUploadForm = { layout: string; sector: string; schoolYear: string; file: File };

/** Posts the file with the import options as multipart/form-data. */
export function uploadImport<T>(path: string, form: ImportUploadForm, schema: z.ZodType<T>): Promise<T> {
  const fields: Record<string, string> = { layout: form.layout };
  if (form.sector) fields.sector = form.sector;
  if (form.schoolYear) fields.schoolYear = form.schoolYear;
  return uploadForm(path, fields, form.file, schema);
}
