import { totpInputSchema } from '../../../../contracts/auth.ts';
import { useContractForm } from '../../ui/form/useContractForm.ts';
import { TextField } from '../../ui/TextField.tsx';

/** The 6 digits without spaces or dashes that apps show for readability, or null if it is not 6 digits. */
export function normaliseTotpCode(value: string): string | null {
  const digits = value.replace(/[\s-]/g, '');
  return /^\d{6}$/.test(digits) ? digits : null;
}

type TotpCodeFieldProps = {
  label: string;
  description: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
};

/** A one-time code input: numeric keyboard on phones, filled in by password managers. */
export function TotpCodeField({ label, description, value, onChange, error }: TotpCodeFieldProps) {
  return (
    <TextField
      name="code"
      label={label}
      description={description}
      value={value}
      onChange={onChange}
      error={error}
      inputMode="numeric"
      autoComplete="one-time-code"
      spellCheck={false}
      maxLength={9}
      size={9}
      className="passend-code-field"
    />
  );
}

/**
 * The form of one six-digit code (signing in, setting up the app): spaces and dashes as apps show them
 * are accepted, and a refused code is cleared so the next one can be typed at once.
 */
export function useTotpCodeForm<R>({
  send,
  onSuccess,
}: {
  send: (input: { code: string }) => Promise<R>;
  onSuccess: (result: R) => void | Promise<void>;
}) {
  const form = useContractForm({
    schema: totpInputSchema,
    initial: { code: '' },
    toInput: ({ code }) => ({ code: normaliseTotpCode(code) ?? code }),
    check: ({ code }) =>
      normaliseTotpCode(code) ? [] : [{ path: 'code', code: code.trim() ? 'code_format' : 'required' }],
    send,
    onSuccess,
    onError: () => form.set('code', ''),
  });
  return form;
}
