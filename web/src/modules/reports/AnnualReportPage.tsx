import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  ButtonGroup,
  Heading2,
  Paragraph,
  PrimaryActionButton,
  UnorderedList,
  UnorderedListItem,
} from '@utrecht/component-library-react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import {
  type AnnualReportTexts,
  annualReportFormats,
  annualReportSections,
  annualReportTextsInputSchema,
  annualReportTextsSchema,
} from '../../../../contracts/annual-report.ts';
import { formatSchoolYear, schoolYearOf, todayInAmsterdam } from '../../../../contracts/school-year.ts';
import { api, withQuery } from '../../app/api.ts';
import { useFormatters } from '../../app/format.ts';
import { formErrorsFrom } from '../../app/forms.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { ContractForm } from '../../ui/Form.tsx';
import { TextAreaField } from '../../ui/form/ChoiceFields.tsx';
import { useContractForm } from '../../ui/form/useContractForm.ts';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { SelectField } from '../../ui/SelectField.tsx';

/** The query keys of the annual report screen. */
export const annualReportKeys = {
  all: ['reports', 'annual-report'] as const,
  texts: (schoolYear: number) => ['reports', 'annual-report', 'texts', schoolYear] as const,
};

/**
 * `/jaarverslag`: the staff office writes its own text per section of a school year's annual report
 * and downloads the report as PDF or spreadsheet (S2). The year is in the address (`?schooljaar=2026`).
 */
export function AnnualReportPage() {
  const { t } = useTranslation('reports');
  const { t: tCore } = useTranslation();
  const [searchParams, setSearchParams] = useSearchParams();
  const currentYear = schoolYearOf(todayInAmsterdam());
  const askedYear = Number(searchParams.get('schooljaar'));
  const years = [currentYear - 2, currentYear - 1, currentYear];
  const schoolYear = years.includes(askedYear) ? askedYear : currentYear;
  const texts = useQuery({
    queryKey: annualReportKeys.texts(schoolYear),
    queryFn: ({ signal }) =>
      api.get(withQuery('/api/reports/annual-report/texts', { schoolYear }), annualReportTextsSchema, signal),
  });

  return (
    <>
      <PageHeading>{t('annualReport.title')}</PageHeading>
      <Paragraph>{t('annualReport.intro')}</Paragraph>
      <SelectField
        name="schoolYear"
        label={t('annualReport.schoolYear')}
        placeholder={formatSchoolYear(currentYear)}
        value={schoolYear === currentYear ? '' : String(schoolYear)}
        onChange={(value) =>
          setSearchParams((params) => {
            if (value) params.set('schooljaar', value);
            else params.delete('schooljaar');
            return params;
          })
        }
        choices={years
          .filter((year) => year !== currentYear)
          .map((year) => ({ value: String(year), label: formatSchoolYear(year) }))}
      />
      {texts.isError && <ErrorAlert errors={formErrorsFrom(texts.error)} />}
      {texts.isPending && <Paragraph role="status">{tCore('app.loading')}</Paragraph>}
      {texts.data && <TextsForm key={schoolYear} saved={texts.data} />}
      <Downloads schoolYear={schoolYear} />
    </>
  );
}

/** The two downloads of the year's report: links, so the browser saves the file the server names. */
function Downloads({ schoolYear }: { schoolYear: number }) {
  const { t } = useTranslation('reports');
  const headingId = useId();
  return (
    <section className="passend-section" aria-labelledby={headingId}>
      <Heading2 id={headingId}>
        {t('annualReport.downloadTitle', { year: formatSchoolYear(schoolYear) })}
      </Heading2>
      <Paragraph>{t('annualReport.downloadIntro')}</Paragraph>
      <UnorderedList>
        {annualReportFormats.map((format) => (
          <UnorderedListItem key={format}>
            <a
              className="utrecht-link utrecht-link--html-a"
              href={withQuery('/api/reports/annual-report', { schoolYear, format })}
              download
            >
              {t(`annualReport.download.${format}`)}
            </a>
          </UnorderedListItem>
        ))}
      </UnorderedList>
    </section>
  );
}

/** A text area per section; saving writes the sections that changed. */
function TextsForm({ saved }: { saved: AnnualReportTexts }) {
  const { t } = useTranslation('reports');
  const format = useFormatters();
  const queryClient = useQueryClient();
  const headingId = useId();
  const form = useContractForm({
    schema: annualReportTextsInputSchema,
    initial: { schoolYear: saved.schoolYear, texts: saved.texts },
    namespace: 'reports',
    send: (input) => api.put('/api/reports/annual-report/texts', input, annualReportTextsSchema),
    successNotice: t('annualReport.saved'),
    onSuccess: (updated) => {
      queryClient.setQueryData(annualReportKeys.texts(updated.schoolYear), updated);
    },
  });
  const shown =
    queryClient.getQueryData<AnnualReportTexts>(annualReportKeys.texts(saved.schoolYear)) ?? saved;

  return (
    <section className="passend-section passend-card" aria-labelledby={headingId}>
      <Heading2 id={headingId}>{t('annualReport.textsTitle')}</Heading2>
      <Paragraph>{t('annualReport.textsIntro')}</Paragraph>
      {shown.updatedAt && (
        <Paragraph>{t('annualReport.updatedAt', { date: format.dateTime(shown.updatedAt) })}</Paragraph>
      )}
      <ContractForm form={form} aria-labelledby={headingId}>
        {annualReportSections.map((section) => (
          <TextAreaField
            key={section}
            label={t(`annualReport.sections.${section}`)}
            description={t(`annualReport.sectionHints.${section}`)}
            rows={section === 'intro' || section === 'closing' ? 6 : 4}
            {...form.field(`texts.${section}`)}
          />
        ))}
        <ButtonGroup>
          <PrimaryActionButton type="submit" busy={form.pending}>
            {t('annualReport.save')}
          </PrimaryActionButton>
        </ButtonGroup>
      </ContractForm>
    </section>
  );
}
