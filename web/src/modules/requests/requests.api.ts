import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  attachmentExtensions,
  maxAttachmentBytes,
  type RequestDetail,
  requestDetailSchema,
} from '../../../../contracts/requests.ts';
import { apiRequest } from '../../app/api.ts';
import { type FormErrors, moduleMessageFor } from '../../app/forms.ts';

/** The detail of one request, shared by every section of the detail page. */
export function useRequestDetail(requestId: string, enabled = true) {
  return useQuery({
    queryKey: ['requests', requestId],
    enabled,
    queryFn: ({ signal }) =>
      apiRequest('GET', `/api/requests/${requestId}`, { schema: requestDetailSchema, signal }),
  });
}

/**
 * A command on a request that answers with the new detail: the detail query is replaced with it and
 * the lists refresh, so every section shows the new state at once.
 */
export function useRequestCommand<Input>(requestId: string, send: (input: Input) => Promise<RequestDetail>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: (detail) => {
      queryClient.setQueryData(['requests', requestId], detail);
      void queryClient.invalidateQueries({ queryKey: ['requests', 'list'] });
    },
  });
}

/** POSTs a JSON command to a request and reads the new detail. */
export function postCommand(requestId: string, path: string, body: unknown = {}): Promise<RequestDetail> {
  return apiRequest('POST', `/api/requests/${requestId}${path}`, { body, schema: requestDetailSchema });
}

/** Checks a chosen file before it is sent: type by extension and size, with the server's codes. */
export function fileProblem(file: File | null): string | null {
  if (!file) return 'attachment_missing';
  const extension = /\.([a-z0-9]+)$/i.exec(file.name)?.[1]?.toLowerCase() ?? '';
  if (!(attachmentExtensions as readonly string[]).includes(extension)) return 'attachment_type';
  if (file.size > maxAttachmentBytes) return 'attachment_too_large';
  return null;
}

/** The message for the field at `path`, if any, from this module's catalogue first. */
export function requestMessageFor(errors: FormErrors, path: string): string | undefined {
  return moduleMessageFor('requests', errors, path);
}

/** A file size in kB or MB. */
export function formatSize(bytes: number, locale: string): string {
  const format = new Intl.NumberFormat(locale === 'en' ? 'en-GB' : 'nl-NL', { maximumFractionDigits: 1 });
  return bytes >= 1024 * 1024
    ? `${format.format(bytes / 1024 / 1024)} MB`
    : `${format.format(bytes / 1024)} kB`;
}
