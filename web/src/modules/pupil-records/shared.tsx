import { useTranslation } from 'react-i18next';
import type { LocationChoice } from '../../../../contracts/pupil-records.ts';
import { ApiError, isApiError } from '../../app/api.ts';
import { SelectField } from '../../ui/SelectField.tsx';

/**
 * A refused rule that names its field (the outcome of a referral without consent) reads as a field
 * problem: the summary says the fields need attention, and this module's message stands beside the
 * field instead of another module's text for the same code.
 */
export async function withRuleOnField<T>(request: Promise<T>): Promise<T> {
  try {
    return await request;
  } catch (error) {
    if (isApiError(error, 'consent_not_given') && error.fields.length > 0)
      throw new ApiError(error.status, 'validation_failed', error.message, error.fields, error.requestId);
    throw error;
  }
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
      name="locatie"
      label={t('pupilRecords.common.location')}
      placeholder={t('pupilRecords.common.locationPlaceholder')}
      value={value ?? ''}
      onChange={(next) => next && onChange(next)}
      choices={locations.map((location) => ({ value: location.id, label: location.name }))}
    />
  );
}
