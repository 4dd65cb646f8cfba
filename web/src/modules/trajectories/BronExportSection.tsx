import { Heading, Paragraph } from '@utrecht/component-library-react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { bronExportFormats, bronExportQuerySchema } from '../../../../contracts/bron-export.ts';
import { formatSchoolYear, schoolYearOf, todayInAmsterdam } from '../../../../contracts/school-year.ts';
import { withQuery } from '../../app/api.ts';
import { useSignedInSession } from '../../app/session.ts';
import { SelectField } from '../../ui/SelectField.tsx';
import { TextField } from '../../ui/TextField.tsx';

/** The address of one download: `withQuery` leaves out the filters not chosen. */
function bronExportHref(locationId: string, schoolYear: string, changedSince: string, format: string) {
  return withQuery('/api/bron-export', { locationId, schoolYear, changedSince, format });
}

/**
 * The OPP's start and end dates of a school location for its registration in BRON (E14), as CSV or
 * Excel, for those who may download them (the server checks the location again and audits the pupils).
 * The schools offered are the user's own; a date that is not (yet) a date shows no links.
 */
export function BronExportSection() {
  const { t } = useTranslation('trajectories');
  const session = useSignedInSession();
  const headingId = useId();
  const schools = [
    ...new Map(
      session.user.roles
        .filter((role) => role.locationId && role.locationName)
        .map((role) => [role.locationId ?? '', role.locationName ?? '']),
    ),
  ].map(([value, label]) => ({ value, label }));
  const currentYear = schoolYearOf(todayInAmsterdam());
  const [locationId, setLocationId] = useState(schools[0]?.value ?? '');
  const [schoolYear, setSchoolYear] = useState(String(currentYear));
  const [changedSince, setChangedSince] = useState('');
  const isDate =
    changedSince === '' || bronExportQuerySchema.shape.changedSince.safeParse(changedSince).success;

  return (
    <section className="passend-section" aria-labelledby={headingId}>
      <Heading level={2} id={headingId}>
        {t('bron.title')}
      </Heading>
      <Paragraph>{t('bron.intro')}</Paragraph>
      {schools.length === 1 && <Paragraph>{t('bron.oneLocation', { name: schools[0]?.label })}</Paragraph>}
      {schools.length > 1 && (
        <SelectField
          name="bronLocation"
          label={t('bron.location')}
          placeholder={t('form.choose')}
          value={locationId}
          onChange={setLocationId}
          choices={schools}
        />
      )}
      <SelectField
        name="bronSchoolYear"
        label={t('bron.schoolYear')}
        placeholder={t('bron.allYears')}
        required={false}
        value={schoolYear}
        onChange={setSchoolYear}
        choices={[currentYear, currentYear - 1, currentYear - 2].map((year) => ({
          value: String(year),
          label: formatSchoolYear(year),
        }))}
      />
      <TextField
        name="bronChangedSince"
        type="date"
        label={t('bron.changedSince')}
        description={t('bron.changedSinceHint')}
        required={false}
        value={changedSince}
        onChange={setChangedSince}
        error={isDate ? undefined : t('bron.notADate')}
      />
      {locationId && isDate && (
        <Paragraph>
          {bronExportFormats.map((format, index) => (
            <span key={format}>
              {index > 0 && ' · '}
              <a className="utrecht-link" href={bronExportHref(locationId, schoolYear, changedSince, format)}>
                {t(`bron.download.${format}`)}
              </a>
            </span>
          ))}
        </Paragraph>
      )}
    </section>
  );
}
