import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  ButtonGroup,
  Heading,
  Paragraph,
  PrimaryActionButton,
  SecondaryActionButton,
  UnorderedList,
  UnorderedListItem,
} from '@utrecht/component-library-react';
import { lazy, Suspense, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import {
  allocationSchema,
  allocationVersionListSchema,
  maxScenarios,
  type ScenarioComparison,
  type ScenarioResult,
  scenarioComparisonInputSchema,
  scenarioComparisonSchema,
  scenarioExportFormats,
} from '../../../../contracts/hours.ts';
import { formatSchoolYear } from '../../../../contracts/school-year.ts';
import { api, isApiError, withQuery } from '../../app/api.ts';
import { useFormatters } from '../../app/format.ts';
import { type FieldIssue, formErrorsFrom, moduleFieldMessage, validate } from '../../app/forms.ts';
import { useNavigateWithNotice } from '../../app/notice.tsx';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { RadioGroupField } from '../../ui/form/ChoiceFields.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { Pagination } from '../../ui/Pagination.tsx';
import { RouterLink } from '../../ui/RouterLink.tsx';
import { SelectField } from '../../ui/SelectField.tsx';
import { TextField } from '../../ui/TextField.tsx';
import { allocationYearOf, ExcludedSchoolsWarning } from './allocation.parts.tsx';
import { hoursKeys } from './hours.api.ts';
import { FigureTableView } from './scenarios.parts.tsx';

const FairnessChart = lazy(() =>
  import('./ScenarioCharts.tsx').then((module) => ({ default: module.FairnessChart })),
);

/** One scenario's settings as typed (strings, a decimal comma allowed). */
type ScenarioDraft = {
  totalHours: string;
  pupilWeightPercent: string;
  minimumHours: string;
  roundingUnit: '1' | '0.5';
};

const firstScenarios: ScenarioDraft[] = [
  { totalHours: '', pupilWeightPercent: '70', minimumHours: '0', roundingUnit: '1' },
  { totalHours: '', pupilWeightPercent: '100', minimumHours: '0', roundingUnit: '1' },
];

const numberOf = (value: string) => (value.trim() === '' ? Number.NaN : Number(value.replace(',', '.')));

/** The typed settings as the contract's input; an empty total means the team's contracted hours. */
function inputOf(schoolYear: number, referenceYears: string, scenarios: ScenarioDraft[]) {
  return {
    schoolYear,
    referenceYears: numberOf(referenceYears),
    scenarios: scenarios.map((scenario) => ({
      totalHours: scenario.totalHours.trim() === '' ? null : numberOf(scenario.totalHours),
      pupilWeightPercent: numberOf(scenario.pupilWeightPercent),
      minimumHours: numberOf(scenario.minimumHours),
      roundingUnit: scenario.roundingUnit === '0.5' ? 0.5 : 1,
    })),
  };
}

/** The value as it was `delay` ms ago without change: the comparison follows typing, not every key. */
function useSettled<T>(value: T, delay: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delay);
    return () => clearTimeout(timer);
  }, [value, delay]);
  return settled;
}

/**
 * `/verdeling/scenarios`: the staff office compares up to four settings of the allocation key side by
 * side with their fairness figures (S3), recomputed as it types, and makes one of them the draft.
 */
export function ScenariosPage() {
  const { t } = useTranslation('hours');
  const queryClient = useQueryClient();
  const navigateWithNotice = useNavigateWithNotice();
  const [searchParams, setSearchParams] = useSearchParams();
  const { schoolYear, currentYear } = allocationYearOf(searchParams);
  const [referenceYears, setReferenceYears] = useState('3');
  const [scenarios, setScenarios] = useState<ScenarioDraft[]>(firstScenarios);
  const [reason, setReason] = useState('');
  const [page, setPage] = useState(1);
  const resultsHeadingId = useId();

  const settled = useSettled({ schoolYear, referenceYears, scenarios }, 300);
  const checked = validate(scenarioComparisonInputSchema, {
    ...inputOf(settled.schoolYear, settled.referenceYears, settled.scenarios),
    page,
  });
  const comparison = useQuery({
    queryKey: hoursKeys.scenarios(checked.ok ? checked.value : null),
    queryFn: ({ signal }) =>
      api.post(
        '/api/allocations/scenarios',
        checked.ok ? checked.value : {},
        scenarioComparisonSchema,
        signal,
      ),
    enabled: checked.ok,
    placeholderData: keepPreviousData,
    retry: false,
  });
  const versions = useQuery({
    queryKey: hoursKeys.allocations(schoolYear),
    queryFn: ({ signal }) =>
      api.get(withQuery('/api/allocations', { schoolYear }), allocationVersionListSchema, signal),
  });
  const hasAdopted = versions.data?.items.some((item) => item.status === 'adopted') ?? false;
  const lastYearVersions = useQuery({
    queryKey: hoursKeys.allocations(schoolYear - 1),
    queryFn: ({ signal }) =>
      api.get(
        withQuery('/api/allocations', { schoolYear: schoolYear - 1 }),
        allocationVersionListSchema,
        signal,
      ),
  });
  // The scenarios start from the hours this year's key already divides, else last year's adopted
  // total, so the page opens with figures instead of an empty total; never over what the user typed.
  const isTouched = useRef(false);
  const startingTotal =
    (
      versions.data?.items.find((item) => item.status === 'draft') ??
      versions.data?.items.find((item) => item.status === 'adopted') ??
      lastYearVersions.data?.items.find((item) => item.status === 'adopted')
    )?.totalHours ?? null;
  useEffect(() => {
    if (isTouched.current || startingTotal === null) return;
    setScenarios((list) =>
      list.map((scenario) =>
        scenario.totalHours === '' ? { ...scenario, totalHours: String(startingTotal) } : scenario,
      ),
    );
  }, [startingTotal]);

  const makeDraft = useMutation({
    mutationFn: (index: number) => {
      const input = inputOf(schoolYear, referenceYears, scenarios);
      const settings = input.scenarios[index];
      return api.put(
        '/api/allocations/draft',
        {
          schoolYear,
          referenceYears: input.referenceYears,
          ...settings,
          reason: reason.trim() || null,
        },
        allocationSchema,
      );
    },
    onSuccess: (allocation, index) => {
      void queryClient.invalidateQueries({ queryKey: hoursKeys.allocations(schoolYear) });
      queryClient.setQueryData(hoursKeys.allocation(allocation.id), allocation);
      navigateWithNotice(
        `/verdeling?${new URLSearchParams({ schooljaar: String(schoolYear), versie: allocation.id })}`,
        t('scenarios.madeDraft', { number: index + 1, version: allocation.version }),
      );
    },
  });

  // Problems of the settings: the contract's, checked here, else the key's own rules from the server.
  const issues: FieldIssue[] = !checked.ok
    ? checked.errors.fields
    : isApiError(comparison.error, 'validation_failed')
      ? comparison.error.fields
      : [];
  const messageAt = (path: string) => {
    const issue = issues.find((entry) => entry.path === path);
    return issue ? moduleFieldMessage('hours', issue) : undefined;
  };
  const draftErrors = makeDraft.error ? formErrorsFrom(makeDraft.error) : null;
  const reasonIssue = draftErrors?.fields.find((field) => field.path === 'reason');
  const data = issues.length === 0 ? comparison.data : undefined;

  const change = (index: number, key: keyof ScenarioDraft, value: string) => {
    isTouched.current = true;
    setScenarios((list) =>
      list.map((scenario, position) => (position === index ? { ...scenario, [key]: value } : scenario)),
    );
  };

  return (
    <>
      <PageHeading>{t('scenarios.title')}</PageHeading>
      <Paragraph>{t('scenarios.intro')}</Paragraph>
      <Paragraph>
        <RouterLink to={`/verdeling?schooljaar=${schoolYear}`}>{t('scenarios.back')}</RouterLink>
      </Paragraph>
      <SelectField
        name="schoolYear"
        label={t('allocation.schoolYear')}
        placeholder={formatSchoolYear(currentYear + 1)}
        value={schoolYear === currentYear + 1 ? '' : String(schoolYear)}
        onChange={(value) =>
          setSearchParams((params) => {
            params.set('schooljaar', value || String(currentYear + 1));
            return params;
          })
        }
        choices={[currentYear - 1, currentYear].map((year) => ({
          value: String(year),
          label: formatSchoolYear(year),
        }))}
      />
      <TextField
        name="referenceYears"
        inputMode="numeric"
        label={t('allocation.referenceYears')}
        value={referenceYears}
        onChange={setReferenceYears}
        error={messageAt('referenceYears')}
      />
      {messageAt('schoolYear') && (
        <Alert type="warning">
          <Paragraph>{messageAt('schoolYear')}</Paragraph>
        </Alert>
      )}
      <Heading level={2}>{t('scenarios.settings')}</Heading>
      <Paragraph>{t('scenarios.settingsHint')}</Paragraph>
      <div className="passend-scenarios">
        {scenarios.map((scenario, index) => {
          const number = index + 1;
          const path = (field: string) => `scenarios.${index}.${field}`;
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: a scenario is its place in the row (Scenario 1, 2…).
            <section key={index} className="passend-scenario" aria-labelledby={`scenario-${number}`}>
              <Heading level={3} id={`scenario-${number}`}>
                {t('scenarios.name', { number })}
              </Heading>
              <TextField
                name={path('totalHours')}
                inputMode="decimal"
                label={t('allocation.totalHours')}
                description={t('scenarios.totalHint')}
                required={false}
                value={scenario.totalHours}
                onChange={(value) => change(index, 'totalHours', value)}
                error={messageAt(path('totalHours')) ?? messageAt(path('setAsideHours'))}
              />
              <TextField
                name={path('pupilWeightPercent')}
                inputMode="numeric"
                label={t('allocation.weight')}
                value={scenario.pupilWeightPercent}
                onChange={(value) => change(index, 'pupilWeightPercent', value)}
                error={messageAt(path('pupilWeightPercent'))}
              />
              <TextField
                name={path('minimumHours')}
                inputMode="decimal"
                label={t('allocation.minimumHours')}
                value={scenario.minimumHours}
                onChange={(value) => change(index, 'minimumHours', value)}
                error={messageAt(path('minimumHours'))}
              />
              <RadioGroupField
                name={path('roundingUnit')}
                legend={t('allocation.roundingUnit')}
                value={scenario.roundingUnit}
                onChange={(value) => change(index, 'roundingUnit', value === '0.5' ? '0.5' : '1')}
                error={messageAt(path('roundingUnit'))}
                choices={(['1', '0.5'] as const).map((choice) => ({
                  value: choice,
                  label: t(`allocation.unit.${choice === '1' ? 'whole' : 'half'}`),
                }))}
              />
              {data?.scenarios[index] && <ScenarioFigures result={data.scenarios[index]} number={number} />}
              <ButtonGroup>
                <PrimaryActionButton
                  type="button"
                  disabled={!data}
                  busy={makeDraft.isPending && makeDraft.variables === index}
                  onClick={() => makeDraft.mutate(index)}
                >
                  {t('scenarios.makeDraft', { number })}
                </PrimaryActionButton>
                {scenarios.length > 1 && (
                  <SecondaryActionButton
                    type="button"
                    onClick={() => setScenarios((list) => list.filter((_, position) => position !== index))}
                  >
                    {t('scenarios.remove', { number })}
                  </SecondaryActionButton>
                )}
              </ButtonGroup>
            </section>
          );
        })}
      </div>
      {scenarios.length < maxScenarios && (
        <ButtonGroup>
          <SecondaryActionButton
            type="button"
            onClick={() =>
              setScenarios((list) => [...list, { ...(list.at(-1) ?? firstScenarios[0]) } as ScenarioDraft])
            }
          >
            {t('scenarios.add')}
          </SecondaryActionButton>
        </ButtonGroup>
      )}
      {hasAdopted && (
        <TextField
          name="reason"
          label={t('allocation.reason')}
          description={t('scenarios.reasonHint')}
          required={false}
          value={reason}
          onChange={setReason}
          error={reasonIssue ? moduleFieldMessage('hours', reasonIssue) : undefined}
        />
      )}
      {draftErrors && <ErrorAlert errors={draftErrors} shownFields={['reason']} />}
      <Heading level={2} id={resultsHeadingId}>
        {t('scenarios.results')}
      </Heading>
      <Paragraph role="status">
        {issues.length > 0
          ? t('scenarios.fixSettings')
          : comparison.isFetching
            ? t('scenarios.computing')
            : data
              ? t('scenarios.computed', { count: data.schoolCount })
              : ''}
      </Paragraph>
      {comparison.error && !isApiError(comparison.error, 'validation_failed') && (
        <ErrorAlert errors={formErrorsFrom(comparison.error)} />
      )}
      {data && checked.ok && (
        <Results
          comparison={data}
          onPageChange={setPage}
          exportQuery={new URLSearchParams({
            schoolYear: String(checked.value.schoolYear),
            referenceYears: String(checked.value.referenceYears),
            scenarios: JSON.stringify(checked.value.scenarios),
          }).toString()}
        />
      )}
    </>
  );
}

/** A scenario's fairness figures in words, below its settings. */
function ScenarioFigures({ result, number }: { result: ScenarioResult; number: number }) {
  const { t } = useTranslation('hours');
  const format = useFormatters();
  const round = (value: number, decimals = 1) =>
    format.number(Math.round(value * 10 ** decimals) / 10 ** decimals);
  return (
    <dl className="passend-scenario__figures" aria-label={t('scenarios.figuresOf', { number })}>
      <dt>{t('scenarios.totalHours')}</dt>
      <dd>{format.number(result.totalHours)}</dd>
      <dt>{t('scenarios.per100')}</dt>
      <dd>
        {t('scenarios.per100Value', {
          min: round(result.hoursPer100Pupils.min),
          median: round(result.hoursPer100Pupils.median),
          max: round(result.hoursPer100Pupils.max),
        })}
      </dd>
      <dt>{t('scenarios.gini')}</dt>
      <dd>{round(result.gini, 3)}</dd>
      <dt>{t('scenarios.gainers')}</dt>
      <dd>
        <SchoolList schools={result.gainers} count={result.gainerCount} />
      </dd>
      <dt>{t('scenarios.losers')}</dt>
      <dd>
        <SchoolList schools={result.losers} count={result.loserCount} />
      </dd>
    </dl>
  );
}

/** How many schools, and which behind a disclosure (the largest moves first): nationally that can be thousands. */
function SchoolList({ schools, count }: { schools: ScenarioResult['gainers']; count: number }) {
  const { t } = useTranslation('hours');
  if (count === 0) return <>{t('scenarios.none')}</>;
  return (
    <details>
      <summary>{t('scenarios.schoolCount', { count })}</summary>
      {schools.length < count && (
        <Paragraph>{t('scenarios.largestShown', { shown: schools.length })}</Paragraph>
      )}
      <ul>
        {schools.map((school) => (
          <li key={school.locationId}>{school.name}</li>
        ))}
      </ul>
    </details>
  );
}

/** The fairness chart with its table beside it, then the hours per school of every scenario. */
function Results({
  comparison,
  onPageChange,
  exportQuery,
}: {
  comparison: ScenarioComparison;
  onPageChange: (page: number) => void;
  /** The settings shown, for the downloads' address. */
  exportQuery: string;
}) {
  const { t } = useTranslation('hours');
  return (
    <>
      {!comparison.hasLastYear && <Paragraph>{t('scenarios.noLastYear')}</Paragraph>}
      <ExcludedSchoolsWarning schools={comparison.excluded} />
      <div className="passend-scenario-chart">
        <Suspense fallback={<Paragraph>{t('scenarios.chartLoading')}</Paragraph>}>
          <FairnessChart
            table={comparison.fairness}
            labels={{
              min: t('scenarios.chartMin'),
              median: t('scenarios.chartMedian'),
              max: t('scenarios.chartMax'),
            }}
            title={t('scenarios.chartTitle')}
          />
        </Suspense>
        <FigureTableView table={comparison.fairness} />
      </div>
      <FigureTableView table={comparison.schools} />
      <Pagination {...comparison.schoolsPage} onPageChange={onPageChange} />
      <UnorderedList>
        {scenarioExportFormats.map((format) => (
          <UnorderedListItem key={format}>
            <a
              className="utrecht-link utrecht-link--html-a"
              href={`/api/allocations/scenarios/export.${format}?${exportQuery}`}
              download
            >
              {t(`scenarios.download.${format}`)}
            </a>
          </UnorderedListItem>
        ))}
      </UnorderedList>
      <Paragraph>{t('scenarios.changeNote')}</Paragraph>
    </>
  );
}
