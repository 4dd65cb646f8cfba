import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { LocationChoice } from '../../../../contracts/pupil-records.ts';
import { type FormErrors, formErrorsFrom, moduleMessageFor } from '../../app/forms.ts';
import { SelectField } from '../../ui/SelectField.tsx';

/**
 * Validation errors thrown by the form itself, or what the API answered. A refused rule that names
 * its field (the outcome of a referral without consent) reads as a field problem, with the module's
 * own message beside the field instead of another module's text for the same code.
 */
export function errorsOf(error: unknown): FormErrors {
  if (!(error instanceof Error) && 'fields' in (error as object)) return error as FormErrors;
  const errors = formErrorsFrom(error);
  if (errors.form?.code === 'consent_not_given' && errors.fields.length > 0)
    return { ...errors, form: { code: 'validation_failed' } };
  return errors;
}

/** The message of this module for a field, if the form has a problem there. */
export function messageOf(errors: FormErrors) {
  return (path: string) => moduleMessageFor('pupilRecords', errors, path);
}

/** The location chosen on an expertise point screen, kept in the address (`?locatie=`). */
export function useLocationParam(): [string | undefined, (locationId: string) => void] {
  const [params, setParams] = useSearchParams();
  const value = params.get('locatie') ?? undefined;
  return [
    value,
    (locationId) =>
      setParams((current) => {
        current.set('locatie', locationId);
        current.delete('pagina');
        return current;
      }),
  ];
}

/** A choice of location, only for someone who works at more than one. */
export function LocationPicker({
  locations,
  value,
  onChange,
}: {
  locations: LocationChoice[];
  value: string | null;
  onChange: (locationId: string) => void;
}) {
  const { t } = useTranslation('pupilRecords');
  if (locations.length < 2) return null;
  return (
    <SelectField
      name="locationId"
      label={t('pupilRecords.common.location')}
      placeholder={t('pupilRecords.common.locationPlaceholder')}
      value={value ?? ''}
      onChange={(next) => next && onChange(next)}
      choices={locations.map((location) => ({ value: location.id, label: location.name }))}
    />
  );
}
