import { csrfCookie, csrfHeader } from '../../../platform/http/request-context.ts';
import type { Harness, TestClient } from '../../../test/harness.ts';

/** The form the import screen sends: the file and its options. */
export type UploadForm = {
  file?: Uint8Array | string;
  fileName?: string;
  layout?: string;
  sector?: string;
  schoolYear?: string;
};

/** A multipart/form-data body as a browser would send it. */
export function multipartBody(form: UploadForm): { payload: Buffer; contentType: string } {
  const boundary = `----passend${crypto.randomUUID().replaceAll('-', '')}`;
  const parts: Buffer[] = [];
  for (const name of ['layout', 'sector', 'schoolYear'] as const) {
    const value = form[name];
    if (value === undefined) continue;
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
    );
  }
  if (form.file !== undefined) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${form.fileName ?? 'scholen.csv'}"\r\nContent-Type: text/csv\r\n\r\n`,
      ),
      typeof form.file === 'string' ? Buffer.from(form.file, 'utf8') : Buffer.from(form.file),
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** Posts an upload with the client's cookies and CSRF header (the test client sends JSON only). */
export async function postUpload(harness: Harness, client: TestClient, url: string, form: UploadForm) {
  if (!client.cookies.has(csrfCookie)) await client.get('/healthz');
  const { payload, contentType } = multipartBody(form);
  return harness.app.inject({
    method: 'POST',
    url,
    payload,
    headers: {
      'content-type': contentType,
      cookie: [...client.cookies].map(([name, value]) => `${name}=${value}`).join('; '),
      [csrfHeader]: client.cookies.get(csrfCookie) ?? '',
    },
  });
}
