import type { Harness, TestClient } from '../harness.ts';

/** The form the import screen sends: the file and its options. */
export type UploadForm = {
  file?: Uint8Array | string;
  fileName?: string;
  layout?: string;
  sector?: string;
  schoolYear?: string;
};

/** Posts the import form as the screen does. */
export function postUpload(_harness: Harness, client: TestClient, url: string, form: UploadForm) {
  const { file, fileName, ...fields } = form;
  return client.upload(
    url,
    fields,
    file === undefined
      ? undefined
      : { content: file, fileName: fileName ?? 'scholen.csv', contentType: 'text/csv' },
  );
}
