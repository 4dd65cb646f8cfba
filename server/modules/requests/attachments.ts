import { fileTypeFromBuffer } from 'file-type';
import { attachmentExtensions } from '../../../contracts/requests.ts';
import { HttpError, RuleViolation } from '../../platform/http/errors.ts';
import type { UploadedFile } from '../../platform/http/multipart.ts';

// What the content must turn out to be for each allowed extension (.doc is an OLE compound file).
const expectedTypes: Record<(typeof attachmentExtensions)[number], string> = {
  pdf: 'application/pdf',
  doc: 'application/x-cfb',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
};
const storedTypes: Record<string, string> = { 'application/x-cfb': 'application/msword' };

/**
 * Checks an uploaded file by its name and its content: PDF, Word or an image whose bytes really are
 * what the extension says (a renamed executable is refused). Returns the media type to store.
 */
export async function checkAttachment(
  file: UploadedFile | null,
): Promise<{ mediaType: string; fileName: string }> {
  if (!file) throw new RuleViolation('attachment_missing', 422);
  const extension = /\.([a-z0-9]+)$/i.exec(file.fileName)?.[1]?.toLowerCase() ?? '';
  if (!(attachmentExtensions as readonly string[]).includes(extension))
    throw new HttpError(415, 'attachment_type');
  const expected = expectedTypes[extension as keyof typeof expectedTypes];
  const detected = await fileTypeFromBuffer(file.content);
  if (detected?.mime !== expected) throw new RuleViolation('attachment_mismatch', 422);
  return { mediaType: storedTypes[expected] ?? expected, fileName: safeFileName(file.fileName) };
}

/** A file name without path parts or control characters, at most 150 characters. */
function safeFileName(name: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
  const cleaned = (name.split(/[\\/]/).at(-1) ?? 'bestand').replace(/[\u0000-\u001f\u007f"]/g, '').trim();
  return (cleaned || 'bestand').slice(-150);
}
