import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  attachmentExtensions,
  maxAttachmentBytes,
  type RequestDetail,
  requestDetailSchema,
} from '../../../../contracts/requests.ts';
import { api } from '../../app/api.ts';

/** Every query key of the requests module, so a change refreshes exactly what it touched. */
export const requestKeys = {
  all: ['requests'] as const,
  /** Every page and filter of the list, and its filter choices. */
  lists: () => [...requestKeys.all, 'list'] as const,
  list: (params: { filters: Record<string, string>; page: number; sort: string | undefined }) =>
    [...requestKeys.lists(), params] as const,
  filterOptions: () => [...requestKeys.lists(), 'filter-options'] as const,
  // Shared with the meetings form, which reads the same choices.
  formOptions: () => [...requestKeys.all, 'form-options'] as const,
  /** The teachers of a school, by the name searched for (Y3). */
  teacherOptions: (locationId: string, q: string) =>
    [...requestKeys.all, 'teacher-options', locationId, q] as const,
  detail: (requestId: string) => [...requestKeys.all, 'detail', requestId] as const,
  suggestions: (requestId: string, assignedUserId: string | null) =>
    [...requestKeys.detail(requestId), 'suggestions', assignedUserId] as const,
  consentSettings: () => ['settings', 'consent'] as const,
  consentPage: (token: string) => ['consent', token] as const,
};

/** The detail of one request, shared by every section of the detail page. */
export function useRequestDetail(requestId: string, enabled = true) {
  return useQuery({
    queryKey: requestKeys.detail(requestId),
    enabled,
    queryFn: ({ signal }) => api.get(`/api/requests/${requestId}`, requestDetailSchema, signal),
  });
}

/**
 * Puts the new detail a command answered with in place and refreshes the lists, so every section
 * shows the new state at once.
 */
export function useShowRequestDetail() {
  const queryClient = useQueryClient();
  return (detail: RequestDetail) => {
    queryClient.setQueryData(requestKeys.detail(detail.id), detail);
    void queryClient.invalidateQueries({ queryKey: requestKeys.lists() });
  };
}

/**
 * A command on a request that answers with the new detail: the detail query is replaced with it and
 * the lists refresh, so every section shows the new state at once.
 */
export function useRequestCommand<Input>(send: (input: Input) => Promise<RequestDetail>) {
  const show = useShowRequestDetail();
  return useMutation({ mutationFn: send, onSuccess: show });
}

/** POSTs a JSON command to a request and reads the new detail. */
export function postCommand(requestId: string, path: string, body: unknown = {}): Promise<RequestDetail> {
  return api.post(`/api/requests/${requestId}${path}`, body, requestDetailSchema);
}

/** Checks a chosen file before it is sent: type by extension and size, with the server's codes. */
export function fileProblem(file: File | null): string | null {
  if (!file) return 'attachment_missing';
  const extension = /\.([a-z0-9]+)$/i.exec(file.name)?.[1]?.toLowerCase() ?? '';
  if (!(attachmentExtensions as readonly string[]).includes(extension)) return 'attachment_type';
  if (file.size > maxAttachmentBytes) return 'attachment_too_large';
  return null;
}

/** A file size in kB or MB. */
export function formatSize(bytes: number, locale: string): string {
  const format = new Intl.NumberFormat(locale === 'en' ? 'en-GB' : 'nl-NL', { maximumFractionDigits: 1 });
  return bytes >= 1024 * 1024
    ? `${format.format(bytes / 1024 / 1024)} MB`
    : `${format.format(bytes / 1024)} kB`;
}
