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
  importPreviewSchema,
  importResultSchema,
} from '../../../../contracts/import.ts';
import { sectors } from '../../../../contracts/locations.ts';
import { formatSchoolYear, schoolYearOf, todayInAmsterdam } from '../../../../contracts/school-year.ts';
import { type FormErrors, fieldError, formErrorsFrom, messageFor, noFormErrors } from '../../app/forms.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { Form } from '../../ui/Form.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { RouterLink } from '../../ui/RouterLink.tsx';
import { SelectField } from '../../ui/SelectField.tsx';
import { ImportPreviewSection } from './ImportPreviewSection.tsx';
import { type ImportUploadForm, uploadImport } from './ImportUpload.ts';

const templatePath = '/api/locations/import/template.csv';

/** `/scholen/importeren`: upload a DUO or Passend CSV, see the preview, then import all or nothing. */
export function ImportPage() {
  const { t } = useTranslation('schools');
  const { t: tc } = useTranslation();
  const queryClient = useQueryClient();
  const formHeadingId = useId();
  const fileId = useId();
  const previewHeadingRef = useRef<HTMLHeadingElement>(null);
  const [layout, setLayout] = useState<ImportLayout | ''>('');
  const [sector, setSector] = useState('');
  const [schoolYear, setSchoolYear] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [errors, setErrors] = useState<FormErrors>(noFormErrors);
  const [importErrors, setImportErrors] = useState<FormErrors>(noFormErrors);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);

  const currentYear = schoolYearOf(todayInAmsterdam());
  const yearChoices = [currentYear + 1, currentYear, currentYear - 1, currentYear - 2].map((year) => ({
    value: String(year),
    label: formatSchoolYear(year),
  }));

  const form = (): ImportUploadForm | null =>
    layout && file ? { layout, sector: layout === 'duo_pupils' ? '' : sector, schoolYear, file } : null;

  // Focus moves to the new preview once it is on screen, so screen-reader users hear it arrive.
  useEffect(() => {
    if (preview) previewHeadingRef.current?.focus();
  }, [preview]);

  const showPreview = useMutation({
    mutationFn: (upload: ImportUploadForm) =>
      uploadImport('/api/locations/import/preview', upload, importPreviewSchema),
    onSuccess: (answer) => {
      setPreview(answer);
    },
    onError: (error) => setErrors(formErrorsFrom(error)),
  });

  const runImport = useMutation({
    mutationFn: (upload: ImportUploadForm) =>
      uploadImport('/api/locations/import', upload, importResultSchema),
    onSuccess: async (answer) => {
      setResult(answer);
      setPreview(null);
      await queryClient.invalidateQueries({ queryKey: ['locations'] });
    },
    onError: (error) => setImportErrors(formErrorsFrom(error)),
  });

  // Any change to the form makes an earlier preview stale.
  const changed =
    <T,>(set: (value: T) => void) =>
    (value: T) => {
      set(value);
      setPreview(null);
      setResult(null);
      setImportErrors(noFormErrors);
    };

  const submitPreview = () => {
    if (showPreview.isPending) return;
    setResult(null);
    if (!layout) return setErrors(fieldError('layout', 'required'));
    if (!file) return setErrors(fieldError('file', 'required'));
    if (file.size > importMaxFileBytes) return setErrors({ form: { code: 'body_too_large' }, fields: [] });
    setErrors(noFormErrors);
    const upload = form();
    if (upload) showPreview.mutate(upload);
  };

  const submitImport = () => {
    const upload = form();
    if (!upload || runImport.isPending) return;
    setImportErrors(noFormErrors);
    runImport.mutate(upload);
  };

  const canImport = preview !== null && preview.problems.length === 0 && preview.counts.invalid === 0;
  const hasChanges = preview !== null && preview.counts.added + preview.counts.changed > 0;
  const fileError = messageFor(tc, errors, 'file');
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
        <Form
          errors={errors}
          fields={['layout', 'sector', 'schoolYear', 'file']}
          onSubmit={submitPreview}
          aria-labelledby={formHeadingId}
        >
          <SelectField
            name="layout"
            label={t('import.layout')}
            placeholder={t('import.layoutPlaceholder')}
            value={layout}
            onChange={changed((value: string) => setLayout(value as ImportLayout | ''))}
            description={layout ? t(`import.layoutHints.${layout}`) : undefined}
            choices={importLayouts.map((value) => ({ value, label: t(`import.layouts.${value}`) }))}
            error={messageFor(tc, errors, 'layout')}
          />
          {layout && layout !== 'duo_pupils' && (
            <SelectField
              name="sector"
              label={t('import.sector')}
              placeholder={t('import.sectorPlaceholder')}
              description={t('import.sectorDescription')}
              value={sector}
              onChange={changed(setSector)}
              choices={sectors.map((value) => ({ value, label: tc(`sectors.${value}`) }))}
              error={messageFor(tc, errors, 'sector')}
            />
          )}
          {layout && layout !== 'duo_locations' && (
            <SelectField
              name="schoolYear"
              label={t('import.schoolYear')}
              placeholder={t('import.schoolYearPlaceholder')}
              description={t('import.schoolYearDescription')}
              value={schoolYear}
              onChange={changed(setSchoolYear)}
              choices={yearChoices}
              error={messageFor(tc, errors, 'schoolYear')}
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
                onChange={(event) => changed(setFile)(event.target.files?.[0] ?? null)}
              />
            }
          />
          <ButtonGroup>
            <PrimaryActionButton type="submit" busy={showPreview.isPending}>
              {t('import.previewSubmit')}
            </PrimaryActionButton>
          </ButtonGroup>
        </Form>
      </section>
      {preview && (
        <>
          <ImportPreviewSection ref={previewHeadingRef} preview={preview} />
          {canImport && (
            <section className="passend-section" aria-label={t('import.submit')}>
              <Paragraph>{hasChanges ? t('import.readyToImport') : t('import.nothingToImport')}</Paragraph>
              <ErrorAlert errors={importErrors} />
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
