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
import { flushSync } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import {
  type Allocation,
  type AllocationInput,
  type AllocationPreview,
  type AllocationVersionList,
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
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';
import { Form } from '../../ui/Form.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { RouterLink } from '../../ui/RouterLink.tsx';
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

/** A stored version's settings in the form, so a new version starts where that one ended. */
function draftOf(settings: Allocation['settings'], reason: string, decimalComma: boolean): Draft {
  const text = (value: number) => (decimalComma ? String(value).replace('.', ',') : String(value));
  return {
    totalSource: settings.totalHours === null ? 'team' : 'fixed',
    totalHours: settings.totalHours === null ? '' : text(settings.totalHours),
    setAsideHours: text(settings.setAsideHours),
    pupilWeightPercent: String(settings.pupilWeightPercent),
    referenceYears: String(settings.referenceYears),
    minimumHours: text(settings.minimumHours),
    roundingUnit: settings.roundingUnit === 0.5 ? '0.5' : '1',
    reason,
  };
}

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

type VersionItem = AllocationVersionList['items'][number];

/** The version the page opens with: the open draft (work in progress), else the adopted one, else the newest. */
function defaultVersion(items: VersionItem[]): VersionItem | undefined {
  return (
    items.find((item) => item.status === 'draft') ??
    items.find((item) => item.status === 'adopted') ??
    items[0]
  );
}

/**
 * `/verdeling`: the staff office builds, explains and adopts the allocation key of a school year (R14).
 * The school year and the version shown are in the address (`?schooljaar=2027&versie=…`), so a
 * version stays open after a reload and can be linked to.
 */
export function AllocationPage() {
  const { t } = useTranslation('hours');
  const format = useFormatters();
  const queryClient = useQueryClient();
  const [searchParams, setSearchParams] = useSearchParams();
  const currentYear = schoolYearOf(todayInAmsterdam());
  const askedYear = Number(searchParams.get('schooljaar'));
  const schoolYear =
    Number.isInteger(askedYear) && askedYear >= 1990 && askedYear <= 2100 ? askedYear : currentYear + 1;
  // The message after saving belongs to the version just stored; opening another one hides it.
  const [storedNow, setStoredNow] = useState<Allocation | null>(null);
  const versions = useQuery({
    queryKey: ['allocations', schoolYear],
    queryFn: ({ signal }) =>
      api.get(withQuery('/api/allocations', { schoolYear }), allocationVersionListSchema, signal),
  });
  const items = versions.data?.items ?? [];
  const selectedItem = items.find((item) => item.id === searchParams.get('versie')) ?? defaultVersion(items);
  const selected = useQuery({
    queryKey: ['allocation', selectedItem?.id],
    queryFn: ({ signal }) => api.get(`/api/allocations/${selectedItem?.id}`, allocationSchema, signal),
    enabled: selectedItem !== undefined,
  });
  const showVersion = (year: number, versionId: string | null) =>
    setSearchParams((params) => {
      params.set('schooljaar', String(year));
      if (versionId) params.set('versie', versionId);
      else params.delete('versie');
      return params;
    });
  const isReady = versions.isSuccess && (selectedItem === undefined || selected.data?.id === selectedItem.id);

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
          showVersion(value ? Number(value) : currentYear + 1, null);
          setStoredNow(null);
        }}
        choices={[currentYear - 1, currentYear].map((year) => ({
          value: String(year),
          label: formatSchoolYear(year),
        }))}
      />
      {items.length > 0 && (
        <>
          <Heading level={2}>{t('allocation.versions')}</Heading>
          <ul>
            {items.map((item) => (
              <li key={item.id}>
                <RouterLink
                  to={`?${new URLSearchParams({ schooljaar: String(schoolYear), versie: item.id })}`}
                  current={item.id === selectedItem?.id}
                >
                  {t('allocation.versionLine', {
                    version: item.version,
                    status: t(`allocation.status.${item.status}`),
                    hours: format.number(item.totalHours),
                    date: format.date(item.adoptedAt ?? item.createdAt),
                  })}
                </RouterLink>
                {item.reason ? ` — ${item.reason}` : ''}
                {item.id === selectedItem?.id && (
                  <span className="passend-visually-hidden"> {t('allocation.versionShown')}</span>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
      {isReady && (
        <AllocationWorkspace
          // A fresh form per school year and version: a new version starts from the one it is opened on.
          key={`${schoolYear}/${selectedItem?.id ?? 'new'}`}
          schoolYear={schoolYear}
          items={items}
          selected={selectedItem ? (selected.data ?? null) : null}
          storedNow={storedNow}
          onStored={(allocation) => {
            queryClient.setQueryData(['allocation', allocation.id], allocation);
            void queryClient.invalidateQueries({ queryKey: ['allocations', schoolYear] });
            setStoredNow(allocation);
            showVersion(schoolYear, allocation.id);
          }}
        />
      )}
    </>
  );
}

type WorkspaceProps = {
  schoolYear: number;
  items: VersionItem[];
  /** The version shown; null when the school year has none yet. */
  selected: Allocation | null;
  storedNow: Allocation | null;
  onStored: (allocation: Allocation) => void;
};

/**
 * The version shown with its downloads and explanation, and the settings form: open for a draft (or
 * a school year without versions), and for an adopted or superseded version once the user starts a
 * new version from it.
 */
function AllocationWorkspace({ schoolYear, items, selected, storedNow, onStored }: WorkspaceProps) {
  const { t, i18n } = useTranslation('hours');
  const decimalComma = i18n.language !== 'en';
  const [draft, setDraft] = useState<Draft>(() =>
    selected?.status === 'draft'
      ? draftOf(selected.settings, selected.reason ?? '', decimalComma)
      : initialDraft,
  );
  const [startedFrom, setStartedFrom] = useState<Allocation | null>(null);
  const [errors, setErrors] = useState<FormErrors>(noFormErrors);
  const [preview, setPreview] = useState<AllocationPreview | null>(null);
  const [confirming, setConfirming] = useState(false);
  const sourceId = useId();
  const unitId = useId();
  const adoptButtonId = useId();
  const settingsHeadingId = useId();
  const openDraft = items.find((item) => item.status === 'draft');
  const adopted = items.find((item) => item.status === 'adopted');
  const hasAdopted = adopted !== undefined;
  const isFormOpen = selected === null || selected.status === 'draft' || startedFrom !== null;
  const message = (path: string) => moduleMessageFor('hours', errors, path);
  const set = (key: keyof Draft, value: string) => setDraft((current) => ({ ...current, [key]: value }));
  const focusAdoptButton = () => document.getElementById(adoptButtonId)?.focus();
  // Past counts matter for the next computation only, so their form goes with the settings form.
  const shownAllocation: AllocationPreview | null = preview ?? selected;

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
      setConfirming(false);
      if ('status' in result) {
        setPreview(null);
        setStartedFrom(null);
        onStored(result);
      } else setPreview(result);
    },
    onError: (error) => {
      setConfirming(false);
      setErrors(
        !(error instanceof Error) && 'fields' in (error as object)
          ? (error as FormErrors)
          : formErrorsFrom(error),
      );
    },
  });

  // Adopting cannot be undone: the settings are checked first, then the user confirms what it means.
  const askToAdopt = () => {
    const checked = validate(allocationInputSchema, inputOf(draft, schoolYear));
    if (!checked.ok) setErrors(checked.errors);
    else setConfirming(true);
  };

  const startFrom = (version: Allocation) => {
    setDraft(draftOf(version.settings, '', decimalComma));
    setStartedFrom(version);
    setPreview(null);
    setErrors(noFormErrors);
    // The form appears above the version: take the user there.
    requestAnimationFrame(() => document.getElementById(settingsHeadingId)?.focus());
  };

  return (
    <>
      {isFormOpen && (
        <>
          <Heading level={2} id={settingsHeadingId} tabIndex={-1}>
            {t('allocation.settings')}
          </Heading>
          {startedFrom ? (
            <Paragraph>
              {t(openDraft ? 'allocation.startedFromIntoDraft' : 'allocation.startedFrom', {
                version: startedFrom.version,
                draft: openDraft?.version,
              })}
            </Paragraph>
          ) : (
            selected?.status === 'draft' && (
              <Paragraph>{t('allocation.editingDraft', { version: selected.version })}</Paragraph>
            )
          )}
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
                id={adoptButtonId}
                busy={run.isPending && run.variables === 'adopt'}
                onClick={askToAdopt}
              >
                {t('allocation.adopt')}
              </SecondaryActionButton>
            </ButtonGroup>
          </Form>
        </>
      )}
      {confirming && (
        <ConfirmDialog
          title={t('allocation.confirmAdopt.title', { year: formatSchoolYear(schoolYear) })}
          confirmLabel={t('allocation.confirmAdopt.confirm')}
          cancelLabel={t('allocation.confirmAdopt.cancel')}
          busy={run.isPending}
          onConfirm={() => run.mutate('adopt')}
          onCancel={() => {
            // The page behind a modal dialog is inert: close it first, then return focus.
            flushSync(() => setConfirming(false));
            focusAdoptButton();
          }}
        >
          <Paragraph>{t('allocation.confirmAdopt.text', { year: formatSchoolYear(schoolYear) })}</Paragraph>
          <Paragraph>
            {adopted
              ? t('allocation.confirmAdopt.replaces', { version: adopted.version })
              : t('allocation.confirmAdopt.correction')}
          </Paragraph>
        </ConfirmDialog>
      )}
      {preview ? (
        <>
          <Paragraph role="status">{t('allocation.previewNotStored')}</Paragraph>
          <Explanation allocation={preview} />
        </>
      ) : (
        selected && (
          <>
            <VersionSummary
              allocation={selected}
              storedNow={storedNow?.id === selected.id ? storedNow : null}
              onStartFrom={isFormOpen ? null : () => startFrom(selected)}
            />
            <Explanation allocation={selected} />
          </>
        )
      )}
      {isFormOpen && shownAllocation && <HistoricalCountForm allocation={shownAllocation} />}
    </>
  );
}

/** A stored version: its status, who made and adopted it and when, the reason, and its files. */
function VersionSummary({
  allocation,
  storedNow,
  onStartFrom,
}: {
  allocation: Allocation;
  storedNow: Allocation | null;
  /** Null while the settings form is open already. */
  onStartFrom: (() => void) | null;
}) {
  const { t } = useTranslation('hours');
  const format = useFormatters();
  const status = t(`allocation.status.${allocation.status}`);
  return (
    <>
      <Heading level={2}>{t('allocation.versionTitle', { version: allocation.version, status })}</Heading>
      {storedNow && (
        <Paragraph role="status">
          {t('allocation.storedAs', {
            version: storedNow.version,
            status: t(`allocation.status.${storedNow.status}`),
          })}
        </Paragraph>
      )}
      <Paragraph>
        {allocation.adoptedAt
          ? t('allocation.adoptedBy', {
              date: format.date(allocation.adoptedAt),
              name: allocation.adoptedByName ?? '',
            })
          : t('allocation.createdBy', {
              date: format.date(allocation.createdAt),
              name: allocation.createdByName,
            })}
      </Paragraph>
      {allocation.reason && (
        <Paragraph>{t('allocation.reasonShown', { reason: allocation.reason })}</Paragraph>
      )}
      <UnorderedList>
        {allocationExportFormats.map((format) => (
          <UnorderedListItem key={format}>
            <a
              className="utrecht-link utrecht-link--html-a"
              href={`/api/allocations/${allocation.id}/export.${format}`}
              download
            >
              {t(`allocation.download.${format}`)}
            </a>
          </UnorderedListItem>
        ))}
      </UnorderedList>
      {onStartFrom && (
        <>
          <Paragraph>{t('allocation.startFromHint')}</Paragraph>
          <ButtonGroup>
            <SecondaryActionButton type="button" onClick={onStartFrom}>
              {t('allocation.startFrom')}
            </SecondaryActionButton>
          </ButtonGroup>
        </>
      )}
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
