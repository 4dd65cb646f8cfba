import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import {
  ButtonGroup,
  Paragraph,
  SecondaryActionButton,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { z } from 'zod';
import {
  type AuditTrailEntry,
  auditEventListSchema,
  auditTrailPageSchema,
  auditTrailPupilExportSchema,
  auditTrailQuerySchema,
} from '../../../../contracts/privacy.ts';
import { api, apiRequest, isApiError, withQuery } from '../../app/api.ts';
import { saveTextFile } from '../../app/download.ts';
import { useFormatters } from '../../app/format.ts';
import {
  type FormErrors,
  formErrorsFrom,
  moduleMessageFor,
  noFormErrors,
  validate,
} from '../../app/forms.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { Form } from '../../ui/Form.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { Pagination } from '../../ui/Pagination.tsx';
import { ScrollTable } from '../../ui/ScrollTable.tsx';
import { SelectField } from '../../ui/SelectField.tsx';
import { TextField } from '../../ui/TextField.tsx';
import { useAllLocations } from '../admin/locations.ts';
import { aboutLabel, actorLabel, eventChoices, eventLabel, roleLabels, type Translate } from './labels.ts';

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
const addressNames: Record<FilterName, string> = {
  q: 'zoek',
  event: 'gebeurtenis',
  reference: 'hulpvraag',
  from: 'van',
  to: 'tot',
  locationId: 'school',
};
const noFilters: Filters = { q: '', event: '', reference: '', from: '', to: '', locationId: '' };

function positiveInteger(value: string | null): number {
  const parsed = Number(value);
  return Number.isInteger(parsed) && parsed > 0 ? parsed : 1;
}

function filtersFrom(params: URLSearchParams): Filters {
  const filters = { ...noFilters };
  for (const name of filterNames) filters[name] = params.get(addressNames[name]) ?? '';
  return filters;
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
  const [params, setParams] = useSearchParams();
  const filters = filtersFrom(params);
  const filterKey = JSON.stringify(filters);
  const page = positiveInteger(params.get('pagina'));
  const [pupil, setPupil] = useState<Pupil | null>(null);
  const filtered = isFiltered(filters) || pupil !== null;

  const trail = useQuery({
    queryKey: ['privacy', 'audit-events', { ...apiQueryOf(filters), page, pageSize }, pupil],
    queryFn: ({ signal }) =>
      pupil
        ? apiRequest('POST', pupilPath, {
            body: { ...apiQueryOf(filters), page, pageSize, pupil },
            schema: auditTrailPageSchema,
            signal,
          })
        : api.get(
            withQuery(eventsPath, { ...apiQueryOf(filters), page, pageSize }),
            auditTrailPageSchema,
            signal,
          ),
    placeholderData: keepPreviousData,
  });
  const exportByPupil = useMutation({
    mutationFn: (body: unknown) =>
      apiRequest('POST', `${pupilPath}/export.csv`, { body, schema: z.string() }),
    onSuccess: (csv) => saveTextFile(csv, 'audittrail.csv', 'text/csv;charset=utf-8'),
  });

  // Field errors of a search the server refused (an address typed or kept by hand) go on the fields;
  // memoised so the form moves focus to the field once, not on every render.
  const serverErrors = useMemo(
    () => (isApiError(trail.error, 'validation_failed') ? formErrorsFrom(trail.error) : noFormErrors),
    [trail.error],
  );
  const isRefusedSearch = serverErrors !== noFormErrors;

  const go = (next: Filters, nextPage = 1) => {
    const query = new URLSearchParams();
    for (const [name, value] of Object.entries(apiQueryOf(next)))
      query.set(addressNames[name as FilterName], value);
    if (nextPage > 1) query.set('pagina', String(nextPage));
    setParams(query);
  };

  return (
    <>
      <PageHeading>{t('privacy.auditTrail.title')}</PageHeading>
      <Paragraph>{t('privacy.auditTrail.intro')}</Paragraph>
      <Paragraph>{t('privacy.auditTrail.searchIntro')}</Paragraph>
      <AuditTrailFilters
        filters={filters}
        filterKey={filterKey}
        pupil={pupil}
        serverErrors={serverErrors}
        onSearch={(next, nextPupil) => {
          setPupil(nextPupil);
          go(next);
        }}
      />
      {trail.isError && !isRefusedSearch && <ErrorAlert errors={formErrorsFrom(trail.error)} />}
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
          <ScrollTable
            caption={filtered ? t('privacy.auditTrail.captionFiltered') : t('privacy.auditTrail.caption')}
          >
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">{t('privacy.auditTrail.columnTime')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('privacy.auditTrail.columnWho')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('privacy.auditTrail.columnRoles')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('privacy.auditTrail.columnEvent')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('privacy.auditTrail.columnAbout')}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {trail.data.items.length === 0 && (
                <TableRow>
                  <TableCell colSpan={5}>
                    {filtered ? t('privacy.auditTrail.emptyFiltered') : t('privacy.auditTrail.empty')}
                  </TableCell>
                </TableRow>
              )}
              {trail.data.items.map((entry) => (
                <AuditTrailRow
                  key={entry.id}
                  entry={entry}
                  translate={translate}
                  dateTime={format.dateTime}
                />
              ))}
            </TableBody>
          </ScrollTable>
          <Pagination
            page={trail.data.page}
            pageSize={trail.data.pageSize}
            total={trail.data.total}
            onPageChange={(next) => go(filters, next)}
          />
        </>
      )}
    </>
  );
}

function AuditTrailRow({
  entry,
  translate,
  dateTime,
}: {
  entry: AuditTrailEntry;
  translate: Translate;
  dateTime: (value: string) => string;
}) {
  const none = translate('privacy.auditTrail.none');
  const roles = roleLabels(translate, entry.actorRoles);
  // The e-mail address tells apart two people of the same name; Passend itself has none to show.
  const email = entry.actor && !entry.actorRoles.includes('system') ? entry.actor.email : null;
  return (
    <TableRow>
      <TableHeaderCell scope="row">
        <time dateTime={entry.occurredAt}>{dateTime(entry.occurredAt)}</time>
      </TableHeaderCell>
      <TableCell>
        {actorLabel(translate, entry)}
        {email && (
          <>
            <br />
            <span className="passend-meta passend-break-anywhere">{email}</span>
          </>
        )}
      </TableCell>
      <TableCell>{roles.length > 0 ? roles.join(', ') : none}</TableCell>
      <TableCell>{eventLabel(translate, entry.event)}</TableCell>
      <TableCell>{aboutLabel(translate, entry) ?? none}</TableCell>
    </TableRow>
  );
}

/**
 * The search form. What the user types stays in the form until they search; the address holds the
 * search that is shown, so a link or the back button brings the same list back.
 */
function AuditTrailFilters({
  filters,
  filterKey,
  pupil,
  serverErrors,
  onSearch,
}: {
  filters: Filters;
  filterKey: string;
  pupil: Pupil | null;
  serverErrors: FormErrors;
  onSearch: (filters: Filters, pupil: Pupil | null) => void;
}) {
  const { t, i18n } = useTranslation('privacy');
  const translate = t as unknown as Translate;
  const [draft, setDraft] = useState<Filters>(filters);
  const [pupilDraft, setPupilDraft] = useState<Pupil>(pupil ?? noPupil);
  const locations = useAllLocations(true);
  const [clientErrors, setClientErrors] = useState<FormErrors | null>(null);
  // Back, forward or a link changes the search in the address: the form follows it. Adjusted while
  // rendering (not remounted), so focus stays on the button the user pressed.
  const [shownKey, setShownKey] = useState(filterKey);
  if (shownKey !== filterKey) {
    setShownKey(filterKey);
    setDraft(filters);
    setClientErrors(null);
  }
  const errors = clientErrors ?? serverErrors;
  const message = (path: FilterName | 'pupil.name' | 'pupil.birthDate') =>
    moduleMessageFor('privacy', errors, path);
  const pupilAsked = Boolean(pupilDraft.name.trim() || pupilDraft.birthDate);

  const kinds = useQuery({
    queryKey: ['privacy', 'audit-event-kinds'],
    queryFn: ({ signal }) => api.get(eventKindsPath, auditEventListSchema, signal),
  });
  // The event in the address stays choosable even if the list does not name it (any more).
  const events = [...(kinds.data?.events ?? []), ...(draft.event ? [draft.event] : [])];
  const choices = eventChoices(translate, events, i18n.language);

  const change = (name: FilterName) => (value: string) =>
    setDraft((current) => ({ ...current, [name]: value }));

  const search = () => {
    const query = apiQueryOf(draft);
    // The same contract as the server: the user hears about a reversed period without a round trip.
    const checked = pupilAsked
      ? validate(auditTrailPupilExportSchema, {
          ...query,
          pupil: { ...pupilDraft, name: pupilDraft.name.trim() },
        })
      : validate(auditTrailQuerySchema, query);
    if (!checked.ok) {
      setClientErrors(checked.errors);
      return;
    }
    setClientErrors(null);
    onSearch(draft, pupilAsked ? { name: pupilDraft.name.trim(), birthDate: pupilDraft.birthDate } : null);
  };

  return (
    <search aria-label={t('privacy.auditTrail.filters')}>
      <Form errors={errors} fields={[...filterNames, 'pupil.name', 'pupil.birthDate']} onSubmit={search}>
        <div className="passend-toolbar">
          <TextField
            name="q"
            type="search"
            label={t('privacy.auditTrail.who')}
            description={t('privacy.auditTrail.whoDescription')}
            required={false}
            autoComplete="off"
            maxLength={100}
            value={draft.q}
            onChange={change('q')}
            error={message('q')}
          />
          <SelectField
            name="event"
            label={t('privacy.auditTrail.event')}
            placeholder={t('privacy.auditTrail.allEvents')}
            required={false}
            busy={kinds.isPending}
            value={draft.event}
            onChange={change('event')}
            choices={choices}
            error={message('event')}
          />
          <TextField
            name="reference"
            label={t('privacy.auditTrail.reference')}
            description={t('privacy.auditTrail.referenceDescription')}
            required={false}
            autoComplete="off"
            spellCheck={false}
            maxLength={40}
            value={draft.reference}
            onChange={change('reference')}
            error={message('reference')}
          />
          <SelectField
            name="locationId"
            label={t('privacy.auditTrail.school')}
            placeholder={t('privacy.auditTrail.allSchools')}
            required={false}
            busy={locations.isPending}
            value={draft.locationId}
            onChange={change('locationId')}
            choices={(locations.data ?? []).map((location) => ({ value: location.id, label: location.name }))}
            error={message('locationId')}
          />
          <TextField
            name="pupil.name"
            label={t('privacy.auditTrail.pupilName')}
            description={t('privacy.auditTrail.pupilDescription')}
            required={false}
            autoComplete="off"
            spellCheck={false}
            maxLength={200}
            value={pupilDraft.name}
            onChange={(name) => setPupilDraft((current) => ({ ...current, name }))}
            error={message('pupil.name')}
          />
          <TextField
            name="pupil.birthDate"
            type="date"
            label={t('privacy.auditTrail.pupilBirthDate')}
            required={false}
            value={pupilDraft.birthDate}
            onChange={(birthDate) => setPupilDraft((current) => ({ ...current, birthDate }))}
            error={message('pupil.birthDate')}
          />
          <TextField
            name="from"
            type="date"
            label={t('privacy.auditTrail.from')}
            required={false}
            value={draft.from}
            onChange={change('from')}
            error={message('from')}
          />
          <TextField
            name="to"
            type="date"
            label={t('privacy.auditTrail.to')}
            required={false}
            value={draft.to}
            onChange={change('to')}
            error={message('to')}
          />
          <ButtonGroup>
            <SecondaryActionButton type="submit">{t('privacy.auditTrail.submit')}</SecondaryActionButton>
            {(isFiltered(filters) || isFiltered(draft) || pupil || pupilAsked) && (
              <SecondaryActionButton
                type="button"
                onClick={() => {
                  setDraft(noFilters);
                  setPupilDraft(noPupil);
                  setClientErrors(null);
                  onSearch(noFilters, null);
                }}
              >
                {t('privacy.auditTrail.clear')}
              </SecondaryActionButton>
            )}
          </ButtonGroup>
        </div>
      </Form>
    </search>
  );
}
