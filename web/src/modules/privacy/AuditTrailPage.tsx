import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { ButtonGroup, Paragraph, SecondaryActionButton } from '@utrecht/component-library-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import {
  type AuditTrailEntry,
  auditEventListSchema,
  auditTrailExportQuerySchema,
  auditTrailPageSchema,
  auditTrailPupilExportSchema,
} from '../../../../contracts/privacy.ts';
import { api, isApiError, withQuery } from '../../app/api.ts';
import { saveTextFile } from '../../app/download.ts';
import { useFormatters } from '../../app/format.ts';
import { formErrorsFrom } from '../../app/forms.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { ContractForm } from '../../ui/Form.tsx';
import { useContractForm } from '../../ui/form/useContractForm.ts';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { Pagination } from '../../ui/Pagination.tsx';
import { SelectField } from '../../ui/SelectField.tsx';
import { TextField } from '../../ui/TextField.tsx';
import { type Column, DataTable } from '../../ui/table/DataTable.tsx';
import { useListParams } from '../../ui/table/useListParams.ts';
import { useAllLocations } from '../admin/locations.ts';
import { aboutLabel, actorLabel, eventChoices, eventLabel, roleLabels, type Translate } from './labels.ts';
import { privacyKeys } from './privacy.api.ts';

const pageSize = 25;
const eventsPath = '/api/privacy/audit-events';
const exportPath = '/api/privacy/audit-events/export.csv';
const eventKindsPath = '/api/privacy/audit-event-kinds';

/** The search as the form and the address hold it; an empty string is "no filter". */
type Filters = { q: string; event: string; reference: string; from: string; to: string; locationId: string };
type FilterName = keyof Filters;

/**
 * A pupil as the files name them. Kept in the page's memory and sent in a POST body, never in the
 * address: a name in an address ends up in the browser's history and in logs.
 */
type Pupil = { name: string; birthDate: string };
const noPupil: Pupil = { name: '', birthDate: '' };
const pupilPath = '/api/privacy/audit-events/by-pupil';

const filterNames: FilterName[] = ['q', 'event', 'reference', 'locationId', 'from', 'to'];
/** Dutch names in the address, like the other list pages (`?zoek=…&pagina=2`). */
const addressNames = {
  q: 'zoek',
  event: 'gebeurtenis',
  reference: 'hulpvraag',
  from: 'van',
  to: 'tot',
  locationId: 'school',
} as const satisfies Record<FilterName, string>;
type AddressName = (typeof addressNames)[FilterName];
const noAddressFilters: Record<AddressName, string> = {
  zoek: '',
  gebeurtenis: '',
  hulpvraag: '',
  van: '',
  tot: '',
  school: '',
};
const noFilters: Filters = { q: '', event: '', reference: '', from: '', to: '', locationId: '' };

function filtersFrom(address: Record<AddressName, string>): Filters {
  const filters = { ...noFilters };
  for (const name of filterNames) filters[name] = address[addressNames[name]];
  return filters;
}

function addressOf(filters: Filters): Record<AddressName, string> {
  const address = { ...noAddressFilters };
  for (const name of filterNames) address[addressNames[name]] = filters[name].trim();
  return address;
}

/** The filters as the API takes them: trimmed, and left out when empty. */
function apiQueryOf(filters: Filters): Partial<Filters> {
  const query: Partial<Filters> = {};
  for (const name of filterNames) {
    const value = filters[name].trim();
    if (value) query[name] = value;
  }
  return query;
}

function isFiltered(filters: Filters): boolean {
  return Object.keys(apiQueryOf(filters)).length > 0;
}

/**
 * `/privacy/audit-trail`: the privacy officer searches who looked at or changed which file and when
 * (P2, P8), page by page, and exports the result as CSV. The trail names records, never their content.
 */
export function AuditTrailPage() {
  const { t } = useTranslation('privacy');
  const format = useFormatters();
  const translate = t as unknown as Translate;
  const list = useListParams(noAddressFilters);
  const filters = filtersFrom(list.filters);
  const page = list.page;
  const [pupil, setPupil] = useState<Pupil | null>(null);
  const filtered = isFiltered(filters) || pupil !== null;

  const trail = useQuery({
    queryKey: privacyKeys.auditEvents({ ...apiQueryOf(filters), page, pageSize }, pupil),
    queryFn: ({ signal }) =>
      pupil
        ? api.post(pupilPath, { ...apiQueryOf(filters), page, pageSize, pupil }, auditTrailPageSchema, signal)
        : api.get(
            withQuery(eventsPath, { ...apiQueryOf(filters), page, pageSize }),
            auditTrailPageSchema,
            signal,
          ),
    placeholderData: keepPreviousData,
  });
  const exportByPupil = useMutation({
    mutationFn: (body: unknown) => api.post(`${pupilPath}/export.csv`, body, z.string()),
    onSuccess: (csv) => saveTextFile(csv, 'audittrail.csv', 'text/csv;charset=utf-8'),
  });

  // Field errors of a search the server refused (an address typed or kept by hand) go on the fields.
  const refusedSearch = isApiError(trail.error, 'validation_failed') ? trail.error : null;

  return (
    <>
      <PageHeading>{t('privacy.auditTrail.title')}</PageHeading>
      <Paragraph>{t('privacy.auditTrail.intro')}</Paragraph>
      <Paragraph>{t('privacy.auditTrail.searchIntro')}</Paragraph>
      <AuditTrailFilters
        filters={filters}
        pupil={pupil}
        refusedSearch={refusedSearch}
        onSearch={(next, nextPupil) => {
          setPupil(nextPupil);
          list.setFilters(addressOf(next));
        }}
      />
      {trail.isError && !refusedSearch && <ErrorAlert errors={formErrorsFrom(trail.error)} />}
      {trail.isPending && <Paragraph role="status">{t('app.loading', { ns: 'translation' })}</Paragraph>}
      {trail.data && (
        <>
          <Paragraph>
            {pupil ? (
              <SecondaryActionButton
                type="button"
                busy={exportByPupil.isPending}
                onClick={() => exportByPupil.mutate({ ...apiQueryOf(filters), pupil })}
              >
                {t('privacy.auditTrail.export')}
              </SecondaryActionButton>
            ) : (
              <a
                className="utrecht-link utrecht-link--html-a"
                href={withQuery(exportPath, apiQueryOf(filters))}
                download
              >
                {t('privacy.auditTrail.export')}
              </a>
            )}
          </Paragraph>
          {exportByPupil.isError && <ErrorAlert errors={formErrorsFrom(exportByPupil.error)} />}
          {trail.data.totalIsLowerBound && <Paragraph>{t('privacy.auditTrail.manyResults')}</Paragraph>}
          <DataTable
            caption={filtered ? t('privacy.auditTrail.captionFiltered') : t('privacy.auditTrail.caption')}
            rows={trail.data.items}
            rowKey={(entry) => String(entry.id)}
            busy={trail.isFetching}
            empty={filtered ? t('privacy.auditTrail.emptyFiltered') : t('privacy.auditTrail.empty')}
            columns={auditTrailColumns(translate, format.dateTime)}
          />
          <Pagination
            page={trail.data.page}
            pageSize={trail.data.pageSize}
            total={trail.data.total}
            onPageChange={list.setPage}
          />
        </>
      )}
    </>
  );
}

function auditTrailColumns(
  translate: Translate,
  dateTime: (value: string) => string,
): Column<AuditTrailEntry>[] {
  const none = translate('privacy.auditTrail.none');
  return [
    {
      key: 'time',
      header: translate('privacy.auditTrail.columnTime'),
      rowHeader: true,
      nowrap: true,
      cell: (entry) => <time dateTime={entry.occurredAt}>{dateTime(entry.occurredAt)}</time>,
    },
    {
      key: 'who',
      header: translate('privacy.auditTrail.columnWho'),
      cell: (entry) => {
        // The e-mail address tells apart two people of the same name; Passend itself has none to show.
        const email = entry.actor && !entry.actorRoles.includes('system') ? entry.actor.email : null;
        return (
          <>
            {actorLabel(translate, entry)}
            {email && (
              <>
                <br />
                <span className="passend-meta passend-break-anywhere">{email}</span>
              </>
            )}
          </>
        );
      },
    },
    {
      key: 'roles',
      header: translate('privacy.auditTrail.columnRoles'),
      cell: (entry) => {
        const roles = roleLabels(translate, entry.actorRoles);
        return roles.length > 0 ? roles.join(', ') : none;
      },
    },
    {
      key: 'event',
      header: translate('privacy.auditTrail.columnEvent'),
      keepWithTitle: true,
      cell: (entry) => eventLabel(translate, entry.event),
    },
    {
      key: 'about',
      header: translate('privacy.auditTrail.columnAbout'),
      cell: (entry) => aboutLabel(translate, entry) ?? none,
    },
  ];
}

type SearchValues = Filters & { pupil: Pupil };

/**
 * The search form. What the user types stays in the form until they search; the address holds the
 * search that is shown, so a link or the back button brings the same list back.
 */
function AuditTrailFilters({
  filters,
  pupil,
  refusedSearch,
  onSearch,
}: {
  filters: Filters;
  pupil: Pupil | null;
  refusedSearch: unknown;
  onSearch: (filters: Filters, pupil: Pupil | null) => void;
}) {
  const { t, i18n } = useTranslation('privacy');
  const translate = t as unknown as Translate;
  const locations = useAllLocations(true);
  const pupilAskedIn = (values: SearchValues) => Boolean(values.pupil.name.trim() || values.pupil.birthDate);
  const form = useContractForm({
    schema: auditTrailPupilExportSchema,
    // The same contract as the server: the user hears about a reversed period without a round trip.
    schemaFor: (values: SearchValues) =>
      pupilAskedIn(values) ? auditTrailPupilExportSchema : auditTrailExportQuerySchema,
    initial: (): SearchValues => ({ ...filters, pupil: pupil ?? noPupil }),
    namespace: 'privacy',
    toInput: (values) => ({
      ...apiQueryOf(values),
      ...(pupilAskedIn(values) ? { pupil: { ...values.pupil, name: values.pupil.name.trim() } } : {}),
    }),
    send: async (input) => {
      const asked =
        'pupil' in input && input.pupil ? { name: input.pupil.name, birthDate: input.pupil.birthDate } : null;
      onSearch({ ...noFilters, ...apiQueryOf(form.values) }, asked);
    },
  });

  // Back, forward or a link changes the search in the address: the form follows it. Adjusted while
  // rendering (not remounted), so focus stays on the button the user pressed.
  const filterKey = JSON.stringify(filters);
  const [shownKey, setShownKey] = useState(filterKey);
  if (shownKey !== filterKey) {
    setShownKey(filterKey);
    form.reset({ ...filters, pupil: form.values.pupil });
  }
  // A search the server refused (an address typed by hand) shows its problems at the fields.
  const [shownRefusal, setShownRefusal] = useState<unknown>(null);
  if (refusedSearch && refusedSearch !== shownRefusal) {
    setShownRefusal(refusedSearch);
    form.showErrors(formErrorsFrom(refusedSearch));
  }

  const kinds = useQuery({
    queryKey: privacyKeys.auditEventKinds,
    queryFn: ({ signal }) => api.get(eventKindsPath, auditEventListSchema, signal),
  });
  // The event in the address stays choosable even if the list does not name it (any more).
  const events = [...(kinds.data?.events ?? []), ...(form.values.event ? [form.values.event] : [])];
  const choices = eventChoices(translate, events, i18n.language);
  const anything = isFiltered(filters) || isFiltered(form.values) || pupil || pupilAskedIn(form.values);

  return (
    <search aria-label={t('privacy.auditTrail.filters')}>
      <ContractForm form={form} className="passend-toolbar">
        <TextField
          type="search"
          label={t('privacy.auditTrail.who')}
          description={t('privacy.auditTrail.whoDescription')}
          autoComplete="off"
          {...form.field('q')}
        />
        <SelectField
          label={t('privacy.auditTrail.event')}
          placeholder={t('privacy.auditTrail.allEvents')}
          busy={kinds.isPending}
          choices={choices}
          {...form.field('event', 'choice')}
        />
        <TextField
          label={t('privacy.auditTrail.reference')}
          description={t('privacy.auditTrail.referenceDescription')}
          autoComplete="off"
          spellCheck={false}
          {...form.field('reference')}
        />
        <SelectField
          label={t('privacy.auditTrail.school')}
          placeholder={t('privacy.auditTrail.allSchools')}
          busy={locations.isPending}
          choices={(locations.data ?? []).map((location) => ({ value: location.id, label: location.name }))}
          {...form.field('locationId', 'choice')}
        />
        <TextField
          label={t('privacy.auditTrail.pupilName')}
          description={t('privacy.auditTrail.pupilDescription')}
          autoComplete="off"
          spellCheck={false}
          {...form.field('pupil.name')}
          // Only with a birth date: a search by pupil is optional.
          required={false}
        />
        <TextField
          type="date"
          label={t('privacy.auditTrail.pupilBirthDate')}
          {...form.field('pupil.birthDate')}
          required={false}
        />
        <TextField type="date" label={t('privacy.auditTrail.from')} {...form.field('from')} />
        <TextField type="date" label={t('privacy.auditTrail.to')} {...form.field('to')} />
        <ButtonGroup>
          <SecondaryActionButton type="submit">{t('privacy.auditTrail.submit')}</SecondaryActionButton>
          {anything && (
            <SecondaryActionButton
              type="button"
              onClick={() => {
                form.reset({ ...noFilters, pupil: noPupil });
                onSearch(noFilters, null);
              }}
            >
              {t('privacy.auditTrail.clear')}
            </SecondaryActionButton>
          )}
        </ButtonGroup>
      </ContractForm>
    </search>
  );
}
