import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  ButtonGroup,
  FormField,
  FormFieldDescription,
  FormFieldErrorMessage,
  FormLabel,
  Heading2,
  Paragraph,
  PrimaryActionButton,
} from '@utrecht/component-library-react';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type ImportLayout,
  type ImportPreview,
  type ImportResult,
  importLayouts,
  importMaxFileBytes,
  importOptionsSchema,
  importPreviewSchema,
  importResultSchema,
} from '../../../../contracts/import.ts';
import { sectors } from '../../../../contracts/locations.ts';
import { formatSchoolYear, schoolYearOf, todayInAmsterdam } from '../../../../contracts/school-year.ts';
import { formErrorsFrom } from '../../app/forms.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { ContractForm } from '../../ui/Form.tsx';
import { useContractForm } from '../../ui/form/useContractForm.ts';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { RouterLink } from '../../ui/RouterLink.tsx';
import { SelectField } from '../../ui/SelectField.tsx';
import { ImportPreviewSection } from './ImportPreviewSection.tsx';
import { type ImportUploadForm, uploadImport } from './ImportUpload.ts';
import { schoolsKeys } from './schools.api.ts';

const templatePath = '/api/locations/import/template.csv';

type ImportValues = { layout: ImportLayout | ''; sector: string; schoolYear: string };

/** `/scholen/importeren`: upload a DUO or Passend CSV, see the preview, then import all or nothing. */
export function ImportPage() {
  const { t } = useTranslation('schools');
  const { t: tc } = useTranslation();
  const queryClient = useQueryClient();
  const formHeadingId = useId();
  const fileId = useId();
  const previewHeadingRef = useRef<HTMLHeadingElement>(null);
  // The file is no text a contract can check: it lives beside the form; its problems join the summary.
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);

  const currentYear = schoolYearOf(todayInAmsterdam());
  const yearChoices = [currentYear + 1, currentYear, currentYear - 1, currentYear - 2].map((year) => ({
    value: String(year),
    label: formatSchoolYear(year),
  }));

  const uploadOf = (values: ImportValues, chosen: File): ImportUploadForm => ({
    layout: values.layout,
    // Only what the chosen layout asks for is sent: a hidden field keeps no stale answer.
    sector: values.layout === 'duo_pupils' ? '' : values.sector,
    schoolYear: values.layout === 'duo_locations' ? '' : values.schoolYear,
    file: chosen,
  });

  const form = useContractForm({
    schema: importOptionsSchema,
    initial: { layout: '', sector: '', schoolYear: '' } as ImportValues,
    namespace: 'schools',
    toInput: (values) => {
      const { layout, sector, schoolYear } = uploadOf(values, file ?? new File([], ''));
      return { layout: layout || undefined, sector, schoolYear };
    },
    check: () =>
      !file
        ? [{ path: 'file', code: 'required' }]
        : file.size > importMaxFileBytes
          ? [{ path: 'file', code: 'import_file_too_large' }]
          : [],
    send: (input): Promise<ImportPreview> =>
      uploadImport(
        '/api/locations/import/preview',
        {
          layout: input.layout,
          sector: input.sector ?? '',
          schoolYear: input.schoolYear === undefined ? '' : String(input.schoolYear),
          file: file as File,
        },
        importPreviewSchema,
      ),
    onSuccess: (answer) => setPreview(answer),
  });

  // Focus moves to the new preview once it is on screen, so screen-reader users hear it arrive.
  useEffect(() => {
    if (preview) previewHeadingRef.current?.focus();
  }, [preview]);

  const runImport = useMutation({
    mutationFn: (upload: ImportUploadForm) =>
      uploadImport('/api/locations/import', upload, importResultSchema),
    onSuccess: async (answer) => {
      setResult(answer);
      setPreview(null);
      await queryClient.invalidateQueries({ queryKey: schoolsKeys.all });
    },
  });

  // Any change to the form makes an earlier preview stale.
  const forget = () => {
    setPreview(null);
    setResult(null);
    runImport.reset();
  };
  const choice = (path: keyof ImportValues) => ({
    ...form.field(path, 'choice'),
    onChange: (value: string) => {
      form.set(path, value);
      forget();
    },
  });

  const submitImport = () => {
    if (!file || !form.values.layout || runImport.isPending) return;
    runImport.mutate(uploadOf(form.values, file));
  };

  const layout = form.values.layout;
  const canImport = preview !== null && preview.problems.length === 0 && preview.counts.invalid === 0;
  const hasChanges = preview !== null && preview.counts.added + preview.counts.changed > 0;
  const fileError = form.message('file');
  const fileDescriptionId = `${fileId}-description`;
  const fileErrorId = `${fileId}-error`;

  return (
    <>
      <PageHeading>{t('import.title')}</PageHeading>
      <Paragraph>{t('import.intro')}</Paragraph>
      <Paragraph>
        {t('import.templateIntro')}{' '}
        <a className="utrecht-link utrecht-link--html-a" href={templatePath} download>
          {t('import.templateLink')}
        </a>
      </Paragraph>
      <Paragraph>
        <RouterLink to="/scholen">{t('import.back')}</RouterLink>
      </Paragraph>
      {result && (
        <Alert type="ok" role="status">
          {t('import.done', result.counts)}
        </Alert>
      )}
      <section className="passend-section passend-card" aria-labelledby={formHeadingId}>
        <Heading2 id={formHeadingId}>{t('import.formTitle')}</Heading2>
        <ContractForm form={form} aria-labelledby={formHeadingId}>
          <SelectField
            label={t('import.layout')}
            placeholder={t('import.layoutPlaceholder')}
            description={layout ? t(`import.layoutHints.${layout}`) : undefined}
            choices={importLayouts.map((value) => ({ value, label: t(`import.layouts.${value}`) }))}
            {...choice('layout')}
          />
          {layout && layout !== 'duo_pupils' && (
            <SelectField
              label={t('import.sector')}
              placeholder={t('import.sectorPlaceholder')}
              description={t('import.sectorDescription')}
              choices={sectors.map((value) => ({ value, label: tc(`sectors.${value}`) }))}
              {...choice('sector')}
            />
          )}
          {layout && layout !== 'duo_locations' && (
            <SelectField
              label={t('import.schoolYear')}
              placeholder={t('import.schoolYearPlaceholder')}
              description={t('import.schoolYearDescription')}
              choices={yearChoices}
              {...choice('schoolYear')}
            />
          )}
          <FormField
            invalid={Boolean(fileError)}
            label={<FormLabel htmlFor={fileId}>{t('import.file')}</FormLabel>}
            description={
              <FormFieldDescription id={fileDescriptionId}>
                {t('import.fileDescription')}
              </FormFieldDescription>
            }
            errorMessage={
              fileError ? <FormFieldErrorMessage id={fileErrorId}>{fileError}</FormFieldErrorMessage> : null
            }
            input={
              <input
                id={fileId}
                name="file"
                type="file"
                accept=".csv,text/csv,text/plain"
                aria-invalid={fileError ? true : undefined}
                aria-describedby={[fileDescriptionId, fileError ? fileErrorId : null]
                  .filter(Boolean)
                  .join(' ')}
                onChange={(event) => {
                  setFile(event.target.files?.[0] ?? null);
                  forget();
                }}
              />
            }
          />
          <ButtonGroup>
            <PrimaryActionButton type="submit" busy={form.pending}>
              {t('import.previewSubmit')}
            </PrimaryActionButton>
          </ButtonGroup>
        </ContractForm>
      </section>
      {preview && (
        <>
          <ImportPreviewSection ref={previewHeadingRef} preview={preview} />
          {canImport && (
            <section className="passend-section" aria-label={t('import.submit')}>
              <Paragraph>{hasChanges ? t('import.readyToImport') : t('import.nothingToImport')}</Paragraph>
              {runImport.error && <ErrorAlert errors={formErrorsFrom(runImport.error)} />}
              <ButtonGroup>
                <PrimaryActionButton type="button" busy={runImport.isPending} onClick={submitImport}>
                  {t('import.submit')}
                </PrimaryActionButton>
              </ButtonGroup>
            </section>
          )}
        </>
      )}
    </>
  );
}
