import { useMutation } from '@tanstack/react-query';
import i18next from 'i18next';
import { type ReactNode, useCallback, useMemo, useRef, useState } from 'react';
import type { z } from 'zod';
import { type FieldRules, fieldRules } from '../../app/contract-fields.ts';
import {
  type FieldIssue,
  type FormErrors,
  fieldMessage,
  formErrorsFrom,
  moduleFieldMessage,
  noFormErrors,
  validate,
  withFieldIssues,
} from '../../app/forms.ts';
import { valueAtPath, withValueAtPath } from './paths.ts';

/** How a field is answered; a choice or a tick box gets its own message when left empty. */
export type FieldKind = 'text' | 'choice' | 'check';

/** The question asked before something that cannot be undone. */
export type ConfirmQuestion = { title: string; body: ReactNode; confirmLabel: string; danger?: boolean };

export type ContractFormOptions<S extends z.ZodType, V, R> = {
  /** The shared contract the server checks too: limits, required fields and messages come from it. */
  schema: S;
  initial: V | (() => V);
  /**
   * The contract for these values when it depends on them (a search by pupil has its own); limits
   * of the fields still come from `schema`.
   */
  schemaFor?: (values: V) => z.ZodType;
  /** Turns the form's values into the contract's input (e.g. '' to undefined); the values by default. */
  toInput?: (values: V) => unknown;
  /** Checks the contract cannot make, such as two passwords that must match. */
  check?: (values: V) => FieldIssue[];
  /** The module catalogue whose `validation.*` and `errors.*` messages come first. */
  namespace?: string;
  send: (input: z.output<S>) => Promise<R>;
  onSuccess?: (result: R, input: z.output<S>) => void | Promise<void>;
  /** After the server refused, beside showing its errors (e.g. empty the password field). */
  onError?: (error: unknown) => void;
  /** Asked before sending when it returns a question: for what cannot be undone. */
  confirm?: (input: z.output<S>) => ConfirmQuestion | null;
  /** Said after success when the form stays on the page. */
  successNotice?: string | ((result: R) => string);
};

/** The props a text or select field takes from the form. */
export type FieldBinding = {
  name: string;
  value: string;
  onChange: (value: string) => void;
  error: string | undefined;
  required: boolean;
  maxLength?: number;
  minLength?: number;
  min?: number;
  max?: number;
};

/** The props a tick box takes from the form. */
export type CheckBinding = {
  name: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  error: string | undefined;
  required: boolean;
};

export type SummaryItem = { path: string; message: string };

export type ContractFormState<V> = {
  values: V;
  set: (path: string, value: unknown) => void;
  update: (next: (values: V) => V) => void;
  reset: (values?: V) => void;
  errors: FormErrors;
  /** Shows problems found outside the contract (a file that is too large). */
  showErrors: (errors: FormErrors) => void;
  pending: boolean;
  /** The last submit was accepted (a form that shows its result in place of itself). */
  succeeded: boolean;
  /** What the server answered on the last failed submit, for answers a page handles itself. */
  failure: unknown;
  submit: () => void;
  field: (path: string, kind?: Exclude<FieldKind, 'check'>) => FieldBinding;
  checkbox: (path: string) => CheckBinding;
  rules: (path: string) => FieldRules;
  message: (path: string) => string | undefined;
  /** Every problem, in the order of the form, for the error summary. */
  summary: SummaryItem[];
  notice: string | null;
  question: ConfirmQuestion | null;
  answerQuestion: (confirmed: boolean) => void;
};

/**
 * One way to run a form on a shared zod contract: values, validation before sending (nothing is sent,
 * so nothing is saved, while a field is wrong), the server's field errors, a question before what cannot
 * be undone, and a notice after success.
 */
export function useContractForm<S extends z.ZodType, V, R>(
  options: ContractFormOptions<S, V, R>,
): ContractFormState<V> {
  const [values, setValues] = useState<V>(options.initial);
  const [errors, setErrors] = useState<FormErrors>(noFormErrors);
  const [notice, setNotice] = useState<string | null>(null);
  const [pendingInput, setPendingInput] = useState<{ input: z.output<S>; question: ConfirmQuestion } | null>(
    null,
  );
  const kinds = useRef(new Map<string, FieldKind>());
  const optionsRef = useRef(options);
  optionsRef.current = options;

  const mutation = useMutation({
    mutationFn: (input: z.output<S>) => optionsRef.current.send(input),
    onSuccess: async (result, input) => {
      const { successNotice, onSuccess } = optionsRef.current;
      setErrors(noFormErrors);
      setNotice(typeof successNotice === 'function' ? successNotice(result) : (successNotice ?? null));
      await onSuccess?.(result, input);
    },
    onError: (error) => {
      setErrors(formErrorsFrom(error));
      optionsRef.current.onError?.(error);
    },
  });

  const messageOf = useCallback((issue: FieldIssue): string => {
    const kind = kinds.current.get(issue.path);
    // An unticked box that must be ticked fails as a wrong value (false), not as a missing one.
    const code =
      issue.code === 'required' && kind === 'choice'
        ? 'required_choice'
        : (issue.code === 'required' || issue.code === 'invalid_value') && kind === 'check'
          ? 'required_check'
          : issue.code;
    const translated = { ...issue, code };
    const namespace = optionsRef.current.namespace;
    return namespace ? moduleFieldMessage(namespace, translated) : fieldMessage(i18next.t, translated);
  }, []);

  const message = useCallback(
    (path: string) => {
      const issue = errors.fields.find((field) => field.path === path);
      return issue ? messageOf(issue) : undefined;
    },
    [errors, messageOf],
  );

  const rules = useCallback((path: string) => fieldRules(optionsRef.current.schema, path), []);

  const set = useCallback((path: string, value: unknown) => {
    setValues((current) => withValueAtPath(current, path, value));
    setNotice(null);
  }, []);

  const submit = () => {
    if (mutation.isPending) return;
    const { schema, schemaFor, toInput, check, confirm } = optionsRef.current;
    const input = toInput ? toInput(values) : values;
    const result = validate((schemaFor ? schemaFor(values) : schema) as S, input);
    const extra = check?.(values) ?? [];
    if (!result.ok || extra.length > 0) {
      // The page's own checks speak first: they know more about the field than the contract.
      const own: FormErrors = { form: { code: 'validation_failed' }, fields: extra };
      setErrors(result.ok ? own : withFieldIssues(own, result.errors.fields));
      setNotice(null);
      return;
    }
    setErrors(noFormErrors);
    const question = confirm?.(result.value) ?? null;
    if (question) {
      setPendingInput({ input: result.value, question });
      return;
    }
    mutation.mutate(result.value);
  };

  const answerQuestion = (confirmed: boolean) => {
    const pending = pendingInput;
    setPendingInput(null);
    if (confirmed && pending) mutation.mutate(pending.input);
  };

  const field = (path: string, kind: Exclude<FieldKind, 'check'> = 'text'): FieldBinding => {
    kinds.current.set(path, kind);
    const value = valueAtPath(values, path);
    return {
      name: path,
      value: value === undefined || value === null ? '' : String(value),
      onChange: (next: string) => set(path, next),
      error: message(path),
      ...rules(path),
    };
  };

  const checkbox = (path: string): CheckBinding => {
    kinds.current.set(path, 'check');
    return {
      name: path,
      checked: valueAtPath(values, path) === true,
      onChange: (checked: boolean) => set(path, checked),
      error: message(path),
      required: rules(path).required,
    };
  };

  const summary = useMemo(
    () => errors.fields.map((issue) => ({ path: issue.path, message: messageOf(issue) })),
    [errors, messageOf],
  );

  return {
    values,
    set,
    update: (next) => setValues(next),
    reset: (next) => {
      setValues(
        next ?? (typeof options.initial === 'function' ? (options.initial as () => V)() : options.initial),
      );
      setErrors(noFormErrors);
    },
    errors,
    showErrors: setErrors,
    pending: mutation.isPending,
    succeeded: mutation.isSuccess,
    failure: mutation.error,
    submit,
    field,
    checkbox,
    rules,
    message,
    summary,
    notice,
    question: pendingInput?.question ?? null,
    answerQuestion,
  };
}
