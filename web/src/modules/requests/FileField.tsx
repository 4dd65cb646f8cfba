import { useId } from 'react';
import { useTranslation } from 'react-i18next';

type FileFieldProps = {
  /** The path a problem with the file is reported on, so the error summary links to this input. */
  name?: string;
  label: string;
  error?: string;
  required?: boolean;
  onChange: (file: File | null) => void;
  /** Changing the key empties the native input after a successful upload. */
  resetKey?: number;
};

/** A file input for attachments (PDF, Word, JPG, PNG, at most 10 MB), labelled and wired like TextField. */
export function FileField({
  name = 'file',
  label,
  error,
  required = false,
  onChange,
  resetKey,
}: FileFieldProps) {
  const { t } = useTranslation('requests');
  const id = useId();
  return (
    <div className={`utrecht-form-field${error ? ' utrecht-form-field--invalid' : ''}`}>
      <div className="utrecht-form-field__label">
        <label className="utrecht-form-label" htmlFor={id}>
          {label}
        </label>
      </div>
      <p className="utrecht-form-field-description" id={`${id}-hint`}>
        {t('files.hint')}
      </p>
      {error && (
        <p className="utrecht-form-field-error-message" id={`${id}-error`}>
          {error}
        </p>
      )}
      <input
        key={resetKey}
        id={id}
        name={name}
        type="file"
        required={required}
        accept=".pdf,.doc,.docx,.jpg,.jpeg,.png"
        aria-invalid={error ? true : undefined}
        aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
        onChange={(event) => onChange(event.target.files?.[0] ?? null)}
      />
    </div>
  );
}
