import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  ButtonGroup,
  Fieldset,
  FieldsetLegend,
  FormField,
  FormLabel,
  Heading,
  Paragraph,
  PrimaryActionButton,
  RadioButton,
  SecondaryActionButton,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableFooter,
  TableHeader,
  TableHeaderCell,
  TableRow,
  UnorderedList,
  UnorderedListItem,
} from '@utrecht/component-library-react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type Allocation,
  type AllocationInput,
  type AllocationPreview,
  allocationExportFormats,
  allocationInputSchema,
  allocationPreviewSchema,
  allocationSchema,
  allocationVersionListSchema,
} from '../../../../contracts/hours.ts';
import { formatSchoolYear, schoolYearOf, todayInAmsterdam } from '../../../../contracts/school-year.ts';
import { api, apiRequest, withQuery } from '../../app/api.ts';
import { useFormatters } from '../../app/format.ts';
import {
  type FormErrors,
  formErrorsFrom,
  moduleMessageFor,
  noFormErrors,
  validate,
} from '../../app/forms.ts';
import { Form } from '../../ui/Form.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { SelectField } from '../../ui/SelectField.tsx';
import { TextField } from '../../ui/TextField.tsx';
import { AllocationLineCells, AllocationLineHeaders, KeyInWords } from './allocation.parts.tsx';
import { HistoricalCountForm } from './HistoricalCountForm.tsx';

type Draft = {
  totalSource: 'fixed' | 'team';
  totalHours: string;
  setAsideHours: string;
  pupilWeightPercent: string;
  referenceYears: string;
  minimumHours: string;
  roundingUnit: '1' | '0.5';
  reason: string;
};

const initialDraft: Draft = {
  totalSource: 'fixed',
  totalHours: '',
  setAsideHours: '0',
  pupilWeightPercent: '70',
  referenceYears: '3',
  minimumHours: '0',
  roundingUnit: '1',
  reason: '',
};

function inputOf(draft: Draft, schoolYear: number) {
  const number = (value: string) => (value.trim() === '' ? Number.NaN : Number(value.replace(',', '.')));
  return {
    schoolYear,
    totalHours: draft.totalSource === 'fixed' ? number(draft.totalHours) : null,
    setAsideHours: draft.totalSource === 'team' ? number(draft.setAsideHours) : 0,
    pupilWeightPercent: number(draft.pupilWeightPercent),
    referenceYears: number(draft.referenceYears),
    minimumHours: number(draft.minimumHours),
    roundingUnit: draft.roundingUnit === '0.5' ? 0.5 : 1,
    reason: draft.reason.trim() || null,
  };
}

/** `/verdeling`: the staff office builds, explains and adopts the allocation key of a school year (R14). */
export function AllocationPage() {
  const { t } = useTranslation('hours');
  const format = useFormatters();
  const queryClient = useQueryClient();
  const currentYear = schoolYearOf(todayInAmsterdam());
  const [schoolYear, setSchoolYear] = useState(currentYear + 1);
  const [draft, setDraft] = useState<Draft>(initialDraft);
  const [errors, setErrors] = useState<FormErrors>(noFormErrors);
  const [shown, setShown] = useState<AllocationPreview | Allocation | null>(null);
  const sourceId = useId();
  const unitId = useId();
  const versions = useQuery({
    queryKey: ['allocations', schoolYear],
    queryFn: ({ signal }) =>
      api.get(withQuery('/api/allocations', { schoolYear }), allocationVersionListSchema, signal),
  });
  const openDraft = versions.data?.items.find((item) => item.status === 'draft');
  const hasAdopted = versions.data?.items.some((item) => item.status === 'adopted') ?? false;
  const message = (path: string) => moduleMessageFor('hours', errors, path);
  const set = (key: keyof Draft, value: string) => setDraft((current) => ({ ...current, [key]: value }));

  const run = useMutation({
    mutationFn: async (action: 'preview' | 'save' | 'adopt'): Promise<AllocationPreview | Allocation> => {
      const checked = validate(allocationInputSchema, inputOf(draft, schoolYear));
      if (!checked.ok) throw checked.errors;
      const input: AllocationInput = checked.value;
      if (action === 'preview') {
        const { reason: _reason, totalHours, roundingUnit, ...rest } = input;
        return api.get(
          withQuery('/api/allocations/preview', {
            ...rest,
            totalHours: totalHours ?? undefined,
            roundingUnit: String(roundingUnit),
          }),
          allocationPreviewSchema,
        );
      }
      const saved = openDraft
        ? await apiRequest('PUT', `/api/allocations/${openDraft.id}`, {
            body: input,
            schema: allocationSchema,
          })
        : await api.post('/api/allocations', input, allocationSchema);
      if (action === 'adopt') return api.post(`/api/allocations/${saved.id}/adopt`, {}, allocationSchema);
      return saved;
    },
    onSuccess: (result) => {
      setErrors(noFormErrors);
      setShown(result);
      void queryClient.invalidateQueries({ queryKey: ['allocations', schoolYear] });
    },
    onError: (error) =>
      setErrors(
        !(error instanceof Error) && 'fields' in (error as object)
          ? (error as FormErrors)
          : formErrorsFrom(error),
      ),
  });
  const stored = shown && 'status' in shown ? shown : null;

  return (
    <>
      <PageHeading>{t('allocation.title')}</PageHeading>
      <Paragraph>{t('allocation.intro')}</Paragraph>
      <SelectField
        name="schoolYear"
        label={t('allocation.schoolYear')}
        placeholder={formatSchoolYear(currentYear + 1)}
        value={schoolYear === currentYear + 1 ? '' : String(schoolYear)}
        onChange={(value) => {
          setSchoolYear(value ? Number(value) : currentYear + 1);
          setShown(null);
        }}
        choices={[currentYear - 1, currentYear].map((year) => ({
          value: String(year),
          label: formatSchoolYear(year),
        }))}
      />
      {versions.data && versions.data.items.length > 0 && (
        <>
          <Heading level={2}>{t('allocation.versions')}</Heading>
          <ul>
            {versions.data.items.map((item) => (
              <li key={item.id}>
                {t('allocation.versionLine', {
                  version: item.version,
                  status: t(`allocation.status.${item.status}`),
                  hours: format.number(item.totalHours),
                  date: format.date(item.adoptedAt ?? item.createdAt),
                })}
                {item.reason ? ` — ${item.reason}` : ''}
              </li>
            ))}
          </ul>
        </>
      )}
      <Heading level={2}>{t('allocation.settings')}</Heading>
      <Form
        errors={errors}
        fields={[
          'totalHours',
          'setAsideHours',
          'pupilWeightPercent',
          'referenceYears',
          'minimumHours',
          'reason',
        ]}
        onSubmit={() => run.mutate('preview')}
      >
        <Fieldset>
          <FieldsetLegend>{t('allocation.totalSource')}</FieldsetLegend>
          {(['fixed', 'team'] as const).map((choice) => (
            <FormField
              key={choice}
              type="radio"
              input={
                <RadioButton
                  id={`${sourceId}-${choice}`}
                  name="totalSource"
                  checked={draft.totalSource === choice}
                  onChange={() => set('totalSource', choice)}
                />
              }
              label={
                <FormLabel htmlFor={`${sourceId}-${choice}`} type="radio">
                  {t(`allocation.source.${choice}`)}
                </FormLabel>
              }
            />
          ))}
        </Fieldset>
        {draft.totalSource === 'fixed' ? (
          <TextField
            name="totalHours"
            inputMode="decimal"
            label={t('allocation.totalHours')}
            value={draft.totalHours}
            onChange={(value) => set('totalHours', value)}
            error={message('totalHours')}
          />
        ) : (
          <TextField
            name="setAsideHours"
            inputMode="decimal"
            label={t('allocation.setAsideHours')}
            description={t('allocation.setAsideHint')}
            value={draft.setAsideHours}
            onChange={(value) => set('setAsideHours', value)}
            error={message('setAsideHours')}
          />
        )}
        <TextField
          name="pupilWeightPercent"
          inputMode="numeric"
          label={t('allocation.weight')}
          description={t('allocation.weightHint')}
          value={draft.pupilWeightPercent}
          onChange={(value) => set('pupilWeightPercent', value)}
          error={message('pupilWeightPercent')}
        />
        <TextField
          name="referenceYears"
          inputMode="numeric"
          label={t('allocation.referenceYears')}
          value={draft.referenceYears}
          onChange={(value) => set('referenceYears', value)}
          error={message('referenceYears')}
        />
        <TextField
          name="minimumHours"
          inputMode="decimal"
          label={t('allocation.minimumHours')}
          value={draft.minimumHours}
          onChange={(value) => set('minimumHours', value)}
          error={message('minimumHours')}
        />
        <Fieldset>
          <FieldsetLegend>{t('allocation.roundingUnit')}</FieldsetLegend>
          {(['1', '0.5'] as const).map((choice) => (
            <FormField
              key={choice}
              type="radio"
              input={
                <RadioButton
                  id={`${unitId}-${choice}`}
                  name="roundingUnit"
                  checked={draft.roundingUnit === choice}
                  onChange={() => set('roundingUnit', choice)}
                />
              }
              label={
                <FormLabel htmlFor={`${unitId}-${choice}`} type="radio">
                  {t(`allocation.unit.${choice === '1' ? 'whole' : 'half'}`)}
                </FormLabel>
              }
            />
          ))}
        </Fieldset>
        {hasAdopted && (
          <TextField
            name="reason"
            label={t('allocation.reason')}
            description={t('allocation.reasonHint')}
            maxLength={2000}
            value={draft.reason}
            onChange={(value) => set('reason', value)}
            error={message('reason')}
          />
        )}
        <ButtonGroup>
          <PrimaryActionButton type="submit" busy={run.isPending && run.variables === 'preview'}>
            {t('allocation.compute')}
          </PrimaryActionButton>
          <SecondaryActionButton
            type="button"
            busy={run.isPending && run.variables === 'save'}
            onClick={() => run.mutate('save')}
          >
            {t('allocation.saveDraft')}
          </SecondaryActionButton>
          <SecondaryActionButton
            type="button"
            busy={run.isPending && run.variables === 'adopt'}
            onClick={() => run.mutate('adopt')}
          >
            {t('allocation.adopt')}
          </SecondaryActionButton>
        </ButtonGroup>
      </Form>
      {stored && (
        <>
          <Paragraph role="status">
            {t('allocation.storedAs', {
              version: stored.version,
              status: t(`allocation.status.${stored.status}`),
            })}
          </Paragraph>
          <UnorderedList>
            {allocationExportFormats.map((format) => (
              <UnorderedListItem key={format}>
                <a
                  className="utrecht-link utrecht-link--html-a"
                  href={`/api/allocations/${stored.id}/export.${format}`}
                  download
                >
                  {t(`allocation.download.${format}`)}
                </a>
              </UnorderedListItem>
            ))}
          </UnorderedList>
        </>
      )}
      {shown && <Explanation allocation={shown} />}
      {shown && <HistoricalCountForm allocation={shown} />}
    </>
  );
}

/** The explanation table: every input and step per school, and the key in words for school leaders. */
function Explanation({ allocation }: { allocation: AllocationPreview }) {
  const { t } = useTranslation('hours');
  const format = useFormatters();
  const captionId = useId();
  const total = allocation.lines.reduce((sum, line) => sum + line.hours, 0);
  return (
    <>
      <Heading level={2}>{t('allocation.explanation')}</Heading>
      <KeyInWords allocation={allocation} />
      {allocation.excluded.length > 0 && (
        <Alert type="warning">
          <Paragraph>
            {t('allocation.excluded', {
              schools: allocation.excluded.map((school) => school.name).join(', '),
            })}
          </Paragraph>
        </Alert>
      )}
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable table must be reachable by keyboard. */}
      <section className="passend-table-scroll" aria-labelledby={captionId} tabIndex={0}>
        <Table>
          <TableCaption id={captionId}>
            {t('allocation.caption', { year: formatSchoolYear(allocation.schoolYear) })}
          </TableCaption>
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">{t('allocation.school')}</TableHeaderCell>
              <AllocationLineHeaders />
            </TableRow>
          </TableHeader>
          <TableBody>
            {allocation.lines.map((line) => (
              <TableRow key={line.locationId}>
                <TableHeaderCell scope="row">{line.name}</TableHeaderCell>
                <AllocationLineCells line={line} />
              </TableRow>
            ))}
          </TableBody>
          <TableFooter>
            <TableRow>
              <TableHeaderCell scope="row">{t('allocation.total')}</TableHeaderCell>
              <TableCell colSpan={5} />
              <TableCell>{format.number(total)}</TableCell>
              <TableCell />
            </TableRow>
          </TableFooter>
        </Table>
      </section>
    </>
  );
}
