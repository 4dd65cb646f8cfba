import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  ButtonGroup,
  Heading,
  Paragraph,
  PrimaryActionButton,
  SecondaryActionButton,
  TableCell,
  TableHeaderCell,
  TableRow,
  UnorderedList,
  UnorderedListItem,
} from '@utrecht/component-library-react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import {
  type Allocation,
  type AllocationInput,
  type AllocationLineView,
  type AllocationPreview,
  type AllocationVersionList,
  allocationExportFormats,
  allocationInputSchema,
  allocationPreviewSchema,
  allocationSchema,
  allocationVersionListSchema,
} from '../../../../contracts/hours.ts';
import { formatSchoolYear } from '../../../../contracts/school-year.ts';
import { api, withQuery } from '../../app/api.ts';
import { useFormatters } from '../../app/format.ts';
import { ContractForm } from '../../ui/Form.tsx';
import { RadioGroupField } from '../../ui/form/ChoiceFields.tsx';
import { useContractForm } from '../../ui/form/useContractForm.ts';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { RouterLink } from '../../ui/RouterLink.tsx';
import { SelectField } from '../../ui/SelectField.tsx';
import { TextField } from '../../ui/TextField.tsx';
import { DataTable } from '../../ui/table/DataTable.tsx';
import {
  allocationYearOf,
  ExcludedSchoolsWarning,
  KeyInWords,
  useAllocationLineColumns,
} from './allocation.parts.tsx';
import { HistoricalCountForm } from './HistoricalCountForm.tsx';
import { hoursKeys } from './hours.api.ts';

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
  const { schoolYear, currentYear } = allocationYearOf(searchParams);
  // The message after saving belongs to the version just stored; opening another one hides it.
  const [storedNow, setStoredNow] = useState<Allocation | null>(null);
  const versions = useQuery({
    queryKey: hoursKeys.allocations(schoolYear),
    queryFn: ({ signal }) =>
      api.get(withQuery('/api/allocations', { schoolYear }), allocationVersionListSchema, signal),
  });
  const items = versions.data?.items ?? [];
  const selectedItem = items.find((item) => item.id === searchParams.get('versie')) ?? defaultVersion(items);
  const selected = useQuery({
    queryKey: hoursKeys.allocation(selectedItem?.id),
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
      <Paragraph>
        <RouterLink to={`/verdeling/scenarios?schooljaar=${schoolYear}`}>{t('scenarios.link')}</RouterLink>
      </Paragraph>
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
            queryClient.setQueryData(hoursKeys.allocation(allocation.id), allocation);
            void queryClient.invalidateQueries({ queryKey: hoursKeys.allocations(schoolYear) });
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
  const [startedFrom, setStartedFrom] = useState<Allocation | null>(null);
  const [preview, setPreview] = useState<AllocationPreview | null>(null);
  const settingsHeadingId = useId();
  const openDraft = items.find((item) => item.status === 'draft');
  const adopted = items.find((item) => item.status === 'adopted');
  const hasAdopted = adopted !== undefined;
  const isFormOpen = selected === null || selected.status === 'draft' || startedFrom !== null;
  // Past counts matter for the next computation only, so their form goes with the settings form.
  const shownAllocation: AllocationPreview | null = preview ?? selected;

  const form = useContractForm({
    schema: allocationInputSchema,
    initial: (): Draft =>
      selected?.status === 'draft'
        ? draftOf(selected.settings, selected.reason ?? '', decimalComma)
        : initialDraft,
    namespace: 'hours',
    toInput: (draft) => inputOf(draft, schoolYear),
    // Adopting cannot be undone: the settings are checked first, then the user confirms what it means.
    confirm: (_input, action) =>
      action === 'adopt'
        ? {
            title: t('allocation.confirmAdopt.title', { year: formatSchoolYear(schoolYear) }),
            confirmLabel: t('allocation.confirmAdopt.confirm'),
            body: (
              <>
                <Paragraph>
                  {t('allocation.confirmAdopt.text', { year: formatSchoolYear(schoolYear) })}
                </Paragraph>
                <Paragraph>
                  {adopted
                    ? t('allocation.confirmAdopt.replaces', { version: adopted.version })
                    : t('allocation.confirmAdopt.correction')}
                </Paragraph>
              </>
            ),
          }
        : null,
    // Enter in a field computes, like the first button; saving and adopting are their own buttons.
    send: async (input: AllocationInput, action = 'preview'): Promise<AllocationPreview | Allocation> => {
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
        ? await api.put(`/api/allocations/${openDraft.id}`, input, allocationSchema)
        : await api.post('/api/allocations', input, allocationSchema);
      if (action === 'adopt') return api.post(`/api/allocations/${saved.id}/adopt`, {}, allocationSchema);
      return saved;
    },
    onSuccess: (result) => {
      if ('status' in result) {
        setPreview(null);
        setStartedFrom(null);
        onStored(result);
      } else setPreview(result);
    },
  });
  const draft = form.values;
  const field = (path: keyof Draft) => form.field(path);

  const startFrom = (version: Allocation) => {
    form.reset(draftOf(version.settings, '', decimalComma));
    setStartedFrom(version);
    setPreview(null);
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
          <ContractForm form={form}>
            <RadioGroupField
              legend={t('allocation.totalSource')}
              choices={(['fixed', 'team'] as const).map((choice) => ({
                value: choice,
                label: t(`allocation.source.${choice}`),
              }))}
              {...form.field('totalSource', 'choice')}
            />
            {draft.totalSource === 'fixed' ? (
              <TextField inputMode="decimal" label={t('allocation.totalHours')} {...field('totalHours')} />
            ) : (
              <TextField
                inputMode="decimal"
                label={t('allocation.setAsideHours')}
                description={t('allocation.setAsideHint')}
                {...field('setAsideHours')}
              />
            )}
            <TextField
              inputMode="numeric"
              label={t('allocation.weight')}
              description={t('allocation.weightHint')}
              {...field('pupilWeightPercent')}
            />
            <TextField
              inputMode="numeric"
              label={t('allocation.referenceYears')}
              {...field('referenceYears')}
            />
            <TextField inputMode="decimal" label={t('allocation.minimumHours')} {...field('minimumHours')} />
            <RadioGroupField
              legend={t('allocation.roundingUnit')}
              choices={(['1', '0.5'] as const).map((choice) => ({
                value: choice,
                label: t(`allocation.unit.${choice === '1' ? 'whole' : 'half'}`),
              }))}
              {...form.field('roundingUnit', 'choice')}
            />
            {hasAdopted && (
              <TextField
                label={t('allocation.reason')}
                description={t('allocation.reasonHint')}
                {...field('reason')}
                required={false}
              />
            )}
            <ButtonGroup>
              <PrimaryActionButton type="submit" busy={form.pendingAction === 'preview'}>
                {t('allocation.compute')}
              </PrimaryActionButton>
              <SecondaryActionButton
                type="button"
                busy={form.pendingAction === 'save'}
                onClick={() => form.submit('save')}
              >
                {t('allocation.saveDraft')}
              </SecondaryActionButton>
              <SecondaryActionButton
                type="button"
                busy={form.pendingAction === 'adopt'}
                onClick={() => form.submit('adopt')}
              >
                {t('allocation.adopt')}
              </SecondaryActionButton>
            </ButtonGroup>
          </ContractForm>
        </>
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
  const lineColumns = useAllocationLineColumns<AllocationLineView>();
  const total = allocation.lines.reduce((sum, line) => sum + line.hours, 0);
  return (
    <>
      <Heading level={2}>{t('allocation.explanation')}</Heading>
      <KeyInWords allocation={allocation} />
      <ExcludedSchoolsWarning schools={allocation.excluded} />
      <DataTable
        caption={t('allocation.caption', { year: formatSchoolYear(allocation.schoolYear) })}
        columns={[
          {
            key: 'school',
            header: t('allocation.school'),
            cell: (line: AllocationLineView) => line.name,
            rowHeader: true,
          },
          ...lineColumns,
        ]}
        rows={allocation.lines}
        rowKey={(line) => line.locationId}
        empty={null}
        footer={
          <TableRow>
            <TableHeaderCell scope="row">{t('allocation.total')}</TableHeaderCell>
            <TableCell colSpan={5} />
            <TableCell className="passend-cell--numeric">{format.number(total)}</TableCell>
            <TableCell />
          </TableRow>
        }
      />
    </>
  );
}
