import i18next, { type TFunction } from 'i18next';
import type { z } from 'zod';
import { errorCodes } from '../../../contracts/errors.ts';
import { ApiError } from './api.ts';

/** One problem with one field: a catalogue code, params where known, the server's text as fallback. */
export type FieldIssue = { path: string; code: string; params?: Record<string, unknown>; message?: string };

/** What a form shows after a failed submit; kept as codes so a language switch re-translates it. */
export type FormErrors = {
  /** `requestId` is kept only for server faults, where it helps support; not for a wrong password. */
  form: { code: string; message?: string; requestId?: string } | null;
  fields: FieldIssue[];
};

export const noFormErrors: FormErrors = { form: null, fields: [] };

// Codes whose message needs a number the server does not send along with the field error.
const codesWithParams = new Set(['too_short', 'too_long', 'too_small', 'too_big']);

/** Turns whatever a mutation threw into form errors. */
export function formErrorsFrom(error: unknown): FormErrors {
  if (error instanceof ApiError) {
    return {
      form: {
        code: error.code,
        message: error.message,
        requestId: error.status >= 500 ? error.requestId : undefined,
      },
      fields: error.fields.map(({ path, code, message }) => ({ path, code, message })),
    };
  }
  return { form: { code: 'internal' }, fields: [] };
}

type LooseIssue = {
  code: string;
  path: PropertyKey[];
  message: string;
  origin?: string;
  format?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
};

function valueAt(input: unknown, path: PropertyKey[]): unknown {
  let current: unknown = input;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

/** Maps a zod issue to the same codes the server uses (`validation.<code>` in the catalogue). */
function issueToField(issue: LooseIssue, input: unknown): FieldIssue {
  const path = issue.path.map(String).join('.');
  const value = valueAt(input, issue.path);
  if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
    if (issue.code !== 'custom') return { path, code: 'required' };
  }
  switch (issue.code) {
    case 'too_small':
      return issue.origin === 'string'
        ? { path, code: 'too_short', params: { minimum: Number(issue.minimum) } }
        : { path, code: 'too_small', params: { minimum: Number(issue.minimum) } };
    case 'too_big':
      return issue.origin === 'string'
        ? { path, code: 'too_long', params: { maximum: Number(issue.maximum) } }
        : { path, code: 'too_big', params: { maximum: Number(issue.maximum) } };
    case 'invalid_format':
      return { path, code: issue.format === 'email' ? 'invalid_email' : 'invalid_format' };
    case 'invalid_value':
      return { path, code: 'invalid_value' };
    case 'unrecognized_keys':
      return { path, code: 'unknown_field' };
    case 'custom':
      // The contracts' refinements put the catalogue code in the message (e.g. location_required).
      return { path, code: issue.message };
    default:
      return { path, code: 'invalid_type' };
  }
}

/**
 * Checks input against a contract schema before sending it, so the user sees the same messages
 * without a round trip. Returns the parsed value or the errors to show.
 */
export function validate<S extends z.ZodType>(
  schema: S,
  input: unknown,
): { ok: true; value: z.output<S> } | { ok: false; errors: FormErrors } {
  const result = schema.safeParse(input);
  if (result.success) return { ok: true, value: result.data };
  const seen = new Set<string>();
  const fields: FieldIssue[] = [];
  for (const issue of result.error.issues as unknown as LooseIssue[]) {
    const field = issueToField(issue, input);
    if (seen.has(field.path)) continue;
    seen.add(field.path);
    fields.push(field);
  }
  return { ok: false, errors: { form: { code: 'validation_failed' }, fields } };
}

/** Merges extra client-side field problems (e.g. passwords that differ) into a result. */
export function withFieldIssues(errors: FormErrors, extra: FieldIssue[]): FormErrors {
  const paths = new Set(errors.fields.map((field) => field.path));
  const fields = [...errors.fields, ...extra.filter((field) => !paths.has(field.path))];
  return { form: errors.form ?? (fields.length ? { code: 'validation_failed' } : null), fields };
}

/** The message for one field in the current language. */
export function fieldMessage(t: TFunction, issue: FieldIssue): string {
  const key = `validation.${issue.code}`;
  const known = t(key as 'validation.required', { defaultValue: '' }) !== '';
  if (!known || (codesWithParams.has(issue.code) && !issue.params)) {
    return issue.message ?? t('validation.invalid_type');
  }
  return t(key as 'validation.too_short', issue.params as { minimum: number });
}

/** The form-level message in the current language. */
export function formMessage(t: TFunction, form: NonNullable<FormErrors['form']>): string {
  const code =
    (errorCodes as readonly string[]).includes(form.code) || form.code === 'network' ? form.code : null;
  if (code) return t(`errors.${code}` as 'errors.internal');
  return form.message ?? t('errors.internal');
}

/** The message for the field at `path`, if any. */
export function messageFor(t: TFunction, errors: FormErrors, path: string): string | undefined {
  const issue = errors.fields.find((field) => field.path === path);
  return issue ? fieldMessage(t, issue) : undefined;
}

/**
 * The message of a field from a module's own catalogue (`validation.<code>`, then `errors.<code>`),
 * falling back to the shared catalogue and then the server's text.
 */
export function moduleFieldMessage(namespace: string, issue: FieldIssue): string {
  const translate = i18next.t as unknown as (key: string, options: Record<string, unknown>) => string;
  for (const group of ['validation', 'errors']) {
    const own = translate(`${group}.${issue.code}`, {
      ns: namespace,
      defaultValue: '',
      ...(issue.params ?? {}),
    });
    if (own && !own.includes('{{')) return own;
  }
  return issue.message ?? fieldMessage(i18next.t, issue);
}
