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
