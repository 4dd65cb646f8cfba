import {
  Alert,
  Fieldset,
  FieldsetLegend,
  Heading,
  Paragraph,
  UnorderedList,
  UnorderedListItem,
} from '@utrecht/component-library-react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { dateSchema } from '../../../../contracts/fields.ts';
import { type Sector, sectors } from '../../../../contracts/locations.ts';
import {
  type FigureFilter,
  type FigureSection,
  type Figures,
  figureFilterSchema,
  figureSections,
} from '../../../../contracts/reports.ts';
import { schoolYearOf, todayInAmsterdam } from '../../../../contracts/school-year.ts';
import { useFormatters } from '../../app/format.ts';
import { formErrorsFrom } from '../../app/forms.ts';
import { hasPermission, useSignedInSession } from '../../app/session.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { RouterLink } from '../../ui/RouterLink.tsx';
import { SelectField } from '../../ui/SelectField.tsx';
import { TextField } from '../../ui/TextField.tsx';
import { ListToolbar } from '../../ui/table/ListToolbar.tsx';
import { useListParams } from '../../ui/table/useListParams.ts';
import { useAllLocations } from '../admin/locations.ts';
import { SchoolYearSelect, schoolYearFrom } from '../hours/BudgetPage.tsx';
import { useSchoolBoards } from '../schools/schools.api.ts';
import { FigureTableSection } from './FigureTableSection.tsx';
import { useFigures } from './reports.api.ts';
import './reports.css';

/** The filters' names in the address. */
const addressDefaults = ['schooljaar', 'onderdeel', 'school', 'bestuur', 'sector', 'van', 'tot'] as const;

/** The section as the address names it (Dutch), and back. */
const sectionParams: Record<FigureSection, string> = { team: 'team', points: 'punten' };

/** The address's filters as the contract's, leaving out what is not a valid value (an edited address). */
export function figureFilterFrom(filters: Record<(typeof addressDefaults)[number], string>): FigureFilter {
  const section = figureSections.find((value) => sectionParams[value] === filters.onderdeel);
  const uuid = (value: string) => (/^[0-9a-f-]{36}$/i.test(value) ? value : undefined);
  const date = (value: string) => (dateSchema.safeParse(value).success ? value : undefined);
  const filter: FigureFilter = { schoolYear: schoolYearFrom(filters.schooljaar) };
  if (section) filter.section = section;
  const locationId = uuid(filters.school);
  if (locationId) filter.locationId = locationId;
  const boardId = uuid(filters.bestuur);
  if (boardId) filter.boardId = boardId;
  if ((sectors as readonly string[]).includes(filters.sector)) filter.sector = filters.sector as Sector;
  const from = date(filters.van);
  if (from) filter.from = from;
  const to = date(filters.tot);
  if (to) filter.to = to;
  return filter;
}

/**
 * `/cijfers`: the school year's figures (S1) of the schools in the viewer's reach, per table this year
 * beside last year, with a chart, the drill-down to the list behind a row, and downloads. Outside the
 * staff office small counts arrive as "< 5" (P9) and the page's legend says what the signs mean.
 */
export function FiguresPage() {
  const { t } = useTranslation('reports');
  const { t: common } = useTranslation();
  const session = useSignedInSession();
  const periodHintId = useId();
  const list = useListParams({
    schooljaar: String(schoolYearOf(todayInAmsterdam())),
    onderdeel: '',
    school: '',
    bestuur: '',
    sector: '',
    van: '',
    tot: '',
  });
  const filter = figureFilterFrom(list.filters);
  // The contract checks the period's order; while it is wrong nothing is asked and the field says why.
  const periodIsValid = figureFilterSchema.safeParse(filter).success;
  const mayReadLocations = hasPermission(session, 'locations.read');
  const locations = useAllLocations(mayReadLocations);
  const figures = useFigures(filter, periodIsValid);
  const reached = locations.data ?? [];
  const hasSeveralSchools = reached.length > 1;
  const boardIds = new Set(reached.map((location) => location.boardId));
  const sectorsReached = sectors.filter((sector) => reached.some((location) => location.sector === sector));
  const hasFilters = addressDefaults.some((key) => key !== 'schooljaar' && list.filters[key] !== '');
  return (
    <>
      <PageHeading>{t('figures.title')}</PageHeading>
      <Paragraph>{t('figures.intro')}</Paragraph>
      <OtherReports />
      <div className="passend-figure-filters">
        <ListToolbar onClear={hasFilters ? list.clear : undefined}>
          <SchoolYearSelect
            value={filter.schoolYear}
            onChange={(year) => list.setFilters({ schooljaar: String(year), van: '', tot: '' })}
          />
          <SelectField
            name="onderdeel"
            label={t('figures.section')}
            placeholder={t('figures.sectionAll')}
            required={false}
            value={filter.section ? sectionParams[filter.section] : ''}
            onChange={(onderdeel) => list.setFilters({ onderdeel })}
            choices={figureSections.map((section) => ({
              value: sectionParams[section],
              label: t(`figures.sections.${section}`),
            }))}
          />
          {hasSeveralSchools && (
            <>
              <SelectField
                name="school"
                label={t('figures.school')}
                placeholder={t('figures.schoolAll')}
                required={false}
                value={filter.locationId ?? ''}
                onChange={(school) => list.setFilters({ school })}
                choices={reached.map((location) => ({ value: location.id, label: location.name }))}
              />
              {boardIds.size > 1 && (
                <BoardSelect
                  boardIds={boardIds}
                  value={filter.boardId ?? ''}
                  onChange={(bestuur) => list.setFilters({ bestuur })}
                />
              )}
              {sectorsReached.length > 1 && (
                <SelectField
                  name="sector"
                  label={t('figures.sector')}
                  placeholder={t('figures.sectorAll')}
                  required={false}
                  value={filter.sector ?? ''}
                  onChange={(sector) => list.setFilters({ sector })}
                  choices={sectorsReached.map((sector) => ({
                    value: sector,
                    label: common(`sectors.${sector}`),
                  }))}
                />
              )}
            </>
          )}
          <Fieldset className="passend-figure-period" aria-describedby={periodHintId}>
            <FieldsetLegend>{t('figures.period.legend')}</FieldsetLegend>
            <Paragraph id={periodHintId} className="passend-figure-period__hint">
              {t('figures.period.hint')}
            </Paragraph>
            <div className="passend-figure-period__fields">
              <TextField
                name="van"
                type="date"
                label={t('figures.period.from')}
                required={false}
                value={filter.from ?? ''}
                onChange={(van) => list.setFilters({ van })}
              />
              <TextField
                name="tot"
                type="date"
                label={t('figures.period.to')}
                required={false}
                value={filter.to ?? ''}
                error={periodIsValid ? undefined : t('figures.period.toBeforeFrom')}
                onChange={(tot) => list.setFilters({ tot })}
              />
            </div>
          </Fieldset>
        </ListToolbar>
      </div>
      {figures.error && <ErrorAlert errors={formErrorsFrom(figures.error)} />}
      {locations.data && reached.length === 0 ? (
        <Paragraph>{t('figures.noSchools')}</Paragraph>
      ) : (
        periodIsValid &&
        (figures.data ? (
          <FigureSections figures={figures.data} filter={filter} busy={figures.isFetching} />
        ) : (
          figures.isPending && <Paragraph role="status">{t('figures.loading')}</Paragraph>
        ))
      )}
    </>
  );
}

/** The boards of the schools in reach; asked for only when there is a choice to make. */
function BoardSelect({
  boardIds,
  value,
  onChange,
}: {
  boardIds: ReadonlySet<string | null>;
  value: string;
  onChange: (boardId: string) => void;
}) {
  const { t } = useTranslation('reports');
  const boards = useSchoolBoards();
  if (!boards.data) return null;
  return (
    <SelectField
      name="bestuur"
      label={t('figures.board')}
      placeholder={t('figures.boardAll')}
      required={false}
      value={value}
      onChange={onChange}
      choices={boards.data.items
        .filter((board) => boardIds.has(board.id))
        .map((board) => ({ value: board.id, label: board.name }))}
    />
  );
}

/** The staff office's other reports, as far as the user may open them. */
function OtherReports() {
  const { t } = useTranslation('reports');
  const session = useSignedInSession();
  const links = [
    hasPermission(session, 'reports.annual_report') && {
      to: '/jaarverslag',
      label: t('figures.annualReport'),
    },
    hasPermission(session, 'reports.capacity') && {
      to: '/vraag-en-capaciteit',
      label: t('figures.capacity'),
    },
  ].filter((link) => link !== false);
  if (links.length === 0) return null;
  return (
    <nav aria-label={t('figures.more')}>
      <UnorderedList>
        {links.map((link) => (
          <UnorderedListItem key={link.to}>
            <RouterLink to={link.to}>{link.label}</RouterLink>
          </UnorderedListItem>
        ))}
      </UnorderedList>
    </nav>
  );
}

/** The period counted, the legend where small counts are suppressed, and the tables per section. */
function FigureSections({
  figures,
  filter,
  busy,
}: {
  figures: Figures;
  filter: FigureFilter;
  busy: boolean;
}) {
  const { t } = useTranslation('reports');
  const format = useFormatters();
  const shownSections = figureSections.filter((section) => !filter.section || filter.section === section);
  return (
    <>
      <Paragraph>
        {t('figures.periodCounted', {
          from: format.date(figures.period.from),
          to: format.date(figures.period.to),
          lastFrom: format.date(figures.lastYearPeriod.from),
          lastTo: format.date(figures.lastYearPeriod.to),
        })}
      </Paragraph>
      <Legend isSuppressed={figures.isSuppressed} />
      {shownSections.map((section) => {
        const tables = figures.tables.filter((table) => table.section === section);
        return (
          <section key={section} aria-labelledby={`onderdeel-${section}`}>
            <Heading level={2} id={`onderdeel-${section}`}>
              {t(`figures.sections.${section}`)}
            </Heading>
            {tables.length === 0 && <Paragraph>{t('figures.noTables')}</Paragraph>}
            {tables.map((table) => (
              <FigureTableSection
                key={table.id}
                table={table}
                schoolYear={figures.schoolYear}
                filter={filter}
                busy={busy}
              />
            ))}
          </section>
        );
      })}
    </>
  );
}

/** What the signs in the tables mean: once for the page, above the tables. */
function Legend({ isSuppressed }: { isSuppressed: boolean }) {
  const { t } = useTranslation('reports');
  return (
    <Alert type="info" className="passend-figure-legend">
      <Paragraph>
        <strong>{t('figures.legendTitle')}</strong>
      </Paragraph>
      <dl>
        {isSuppressed && (
          <>
            <div>
              <dt>{'< 5'}</dt>
              <dd>{t('figures.legendSmall')}</dd>
            </div>
            <div>
              <dt>•</dt>
              <dd>{t('figures.legendHidden')}</dd>
            </div>
          </>
        )}
        <div>
          <dt>—</dt>
          <dd>{t('figures.legendNone')}</dd>
        </div>
      </dl>
    </Alert>
  );
}
