// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import i18next from 'i18next';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Action } from '../../../../contracts/actions.ts';
import type { Figures, FigureTable } from '../../../../contracts/reports.ts';
import { type SignedInSession, sessionQueryKey } from '../../app/session.ts';
import { setUpDom } from '../../test/dom.ts';
import hoursNl from '../hours/i18n/nl.json';
import { chartPoints } from './FigureChart.tsx';
import { FiguresPage } from './FiguresPage.tsx';
import reportsNl from './i18n/nl.json';
import { shownCell } from './reports.api.ts';

beforeAll(async () => {
  await setUpDom();
  i18next.addResourceBundle('nl', 'reports', reportsNl);
  i18next.addResourceBundle('nl', 'hours', hoursNl);
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const regenboog = '00000000-0000-4000-8000-00000000000a';
const kompas = '00000000-0000-4000-8000-00000000000b';
const boardNoord = '00000000-0000-4000-8000-0000000000b1';
const boardZuid = '00000000-0000-4000-8000-0000000000b2';

function sessionWith(permissions: Action[]): SignedInSession {
  return {
    state: 'signed_in',
    user: {
      id: 'u1',
      name: 'Marieke de Vries',
      email: 'm@test',
      locale: 'nl',
      roles: [],
      recoveryCodesLeft: 10,
    },
    tenant: { id: 't1', name: 'SWV' },
    permissions,
  } as unknown as SignedInSession;
}

/** Requests by school: counts, a median in days, hours and a share; a total row; a chart over the count. */
const requestsBySchool: FigureTable = {
  id: 'requests_by_school',
  section: 'team',
  title: 'Hulpvragen per school',
  description: 'Ingediende hulpvragen in de periode.',
  rowHeader: 'School',
  columns: [
    { key: 'requests', label: 'Hulpvragen', unit: 'count' },
    { key: 'leadTime', label: 'Doorlooptijd', unit: 'days' },
    { key: 'hours', label: 'Uren', unit: 'hours' },
    { key: 'share', label: 'Aandeel', unit: 'percent' },
  ],
  rows: [
    {
      key: regenboog,
      label: 'OBS De Regenboog',
      values: [12, 1, 1250.5, 80],
      lastYear: [9, 14, 1000, 75],
      drillDown: `/hulpvragen?school=${regenboog}`,
      isTotal: false,
    },
    {
      key: kompas,
      label: 'Het Kompas',
      values: ['small', 'hidden', 3, null],
      lastYear: ['hidden', 'small', 2, 25],
      drillDown: null,
      isTotal: false,
    },
    {
      key: 'total',
      label: 'Totaal',
      values: [15, 9, 1253.5, 100],
      lastYear: [12, 14, 1002, 100],
      drillDown: null,
      isTotal: true,
    },
  ],
  chartColumn: 0,
};

const noVisits: FigureTable = {
  id: 'visits_by_reason',
  section: 'points',
  title: 'Bezoeken per reden',
  description: 'Bezoeken aan de expertisepunten.',
  rowHeader: 'Reden',
  columns: [{ key: 'visits', label: 'Bezoeken', unit: 'count' }],
  rows: [],
  chartColumn: 0,
};

function figuresOf(tables: FigureTable[], isSuppressed: boolean): Figures {
  return {
    schoolYear: 2026,
    period: { from: '2026-08-01', to: '2026-12-07' },
    lastYearPeriod: { from: '2025-08-01', to: '2025-12-07' },
    isSuppressed,
    tables,
  };
}

const location = (id: string, name: string, sector: string, boardId: string) => ({
  id,
  brin: '10AA',
  locationCode: '00',
  name,
  sector,
  place: 'Utrecht',
  boardId,
  boardName: null,
  active: true,
  pupils: 100,
});

type Answers = { figures: Figures | 'pending' | 'error'; locations?: ReturnType<typeof location>[] };

/** Answers the page's API calls from hand-made data, and records the figures calls. */
function fakeApi(answers: Answers) {
  const figureCalls: URLSearchParams[] = [];
  const answer = (body: unknown, status = 200) =>
    new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  const fetch = vi.fn(async (input: RequestInfo | URL) => {
    const url = new URL(String(input), 'http://passend.test');
    if (url.pathname === '/api/reports/figures') {
      figureCalls.push(url.searchParams);
      if (answers.figures === 'pending') return new Promise<Response>(() => {});
      if (answers.figures === 'error')
        return answer({ error: { code: 'internal', message: 'Er ging iets mis', requestId: 'req-1' } }, 500);
      return answer(answers.figures);
    }
    if (url.pathname === '/api/locations') {
      const items = answers.locations ?? [location(regenboog, 'OBS De Regenboog', 'bo', boardNoord)];
      return answer({ items, page: 1, pageSize: 100, total: items.length, schoolYear: 2026 });
    }
    if (url.pathname === '/api/school-boards')
      return answer({
        items: [
          { id: boardNoord, code: '41000', name: 'Stichting Noord' },
          { id: boardZuid, code: '42000', name: 'Stichting Zuid' },
          // A board none of the viewer's schools belongs to: not a choice.
          { id: '00000000-0000-4000-8000-0000000000b3', code: '43000', name: 'Stichting Elders' },
        ],
      });
    throw new Error(`unexpected call ${url.pathname}`);
  });
  vi.stubGlobal('fetch', fetch);
  // jsdom lays nothing out: the chart's container waits for a size that never comes.
  vi.stubGlobal(
    'ResizeObserver',
    class {
      observe() {}
      unobserve() {}
      disconnect() {}
    },
  );
  return figureCalls;
}

function renderPage(address = '/cijfers', permissions: Action[] = ['reports.read', 'locations.read']) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  queryClient.setQueryData(sessionQueryKey, sessionWith(permissions));
  const router = createMemoryRouter(
    [
      { path: '/cijfers', element: <FiguresPage /> },
      { path: '*', element: <p>Lijst</p> },
    ],
    { initialEntries: [address] },
  );
  render(
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>,
  );
  return router;
}

describe('FiguresPage (/cijfers)', () => {
  it('says the figures are loading before the answer', () => {
    fakeApi({ figures: 'pending' });
    renderPage();
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Cijfers');
    expect(screen.getByRole('status').textContent).toBe('De cijfers worden geladen…');
  });

  it('S1: shows each table with this year and last year under every column, units formatted', async () => {
    fakeApi({ figures: figuresOf([requestsBySchool, noVisits], false) });
    renderPage();
    const table = await screen.findByRole('table', {
      name: /Hulpvragen per school: 2026-2027 en vorig jaar/,
    });
    const headers = within(table)
      .getAllByRole('columnheader')
      .map((cell) => cell.textContent);
    expect(headers.slice(0, 7)).toEqual([
      'School',
      'Hulpvragen',
      'Doorlooptijd',
      'Uren',
      'Aandeel',
      '2026-2027',
      '2025-2026',
    ]);
    const row = within(table).getByRole('row', { name: /OBS De Regenboog/ });
    expect(
      within(row)
        .getAllByRole('cell')
        .map((cell) => cell.textContent),
    ).toEqual(['12', '9', '1 dag', '14 dagen', '1.250,5 uur', '1.000 uur', '80 %', '75 %']);
    // The headings run in order: page, section, table.
    expect(screen.getByRole('heading', { level: 2, name: 'Expertiseteam' })).toBeTruthy();
    expect(screen.getByRole('heading', { level: 3, name: 'Hulpvragen per school' })).toBeTruthy();
    expect(screen.getByText('Ingediende hulpvragen in de periode.')).toBeTruthy();
    expect(screen.getByText(/Periode: 1 augustus 2026 tot en met 7 december 2026/)).toBeTruthy();
  });

  it('S1: a row with a list behind it links to that list; the total row is marked as the total', async () => {
    fakeApi({ figures: figuresOf([requestsBySchool], false) });
    const router = renderPage();
    const table = await screen.findByRole('table', { name: /Hulpvragen per school/ });
    expect(within(table).queryByRole('link', { name: 'Het Kompas' })).toBeNull();
    const total = within(table).getByRole('row', { name: /Totaal/ });
    expect(total.className).toContain('passend-figure-table__total');
    fireEvent.click(within(table).getByRole('link', { name: 'OBS De Regenboog' }));
    await waitFor(() => expect(router.state.location.search).toBe(`?school=${regenboog}`));
    expect(router.state.location.pathname).toBe('/hulpvragen');
  });

  it('P9: shows a small count as "< 5" and a hidden cell as "•", with one legend that explains both', async () => {
    fakeApi({
      figures: figuresOf([requestsBySchool, { ...requestsBySchool, id: 'second', title: 'Tweede' }], true),
    });
    renderPage();
    const table = await screen.findByRole('table', { name: /Hulpvragen per school/ });
    const row = within(table).getByRole('row', { name: /Het Kompas/ });
    const cells = within(row).getAllByRole('cell');
    expect(cells[0]?.querySelector('[aria-hidden="true"]')?.textContent).toBe('< 5');
    expect(cells[0]?.textContent).toBe('< 5minder dan vijf');
    expect(cells[1]?.textContent).toBe('•verborgen');
    expect(cells[6]?.textContent).toBe('—geen gegevens');
    expect(screen.getAllByText('Tekens in de tabellen')).toHaveLength(1);
    expect(screen.getByText('minder dan vijf leerlingen.')).toBeTruthy();
    expect(screen.getByText(/verborgen, zodat je kleine aantallen niet kunt terugrekenen/)).toBeTruthy();
  });

  it('P9: without suppression the legend does not speak of small counts', async () => {
    fakeApi({ figures: figuresOf([requestsBySchool], false) });
    renderPage();
    await screen.findByRole('table', { name: /Hulpvragen per school/ });
    expect(screen.queryByText('minder dan vijf leerlingen.')).toBeNull();
  });

  it('draws the chart beside a table as decoration, leaving out the total and suppressed cells', async () => {
    fakeApi({ figures: figuresOf([requestsBySchool], true) });
    renderPage();
    await screen.findByRole('table', { name: /Hulpvragen per school/ });
    expect(document.querySelector('.passend-figure__chart')?.getAttribute('aria-hidden')).toBe('true');
    expect(chartPoints(requestsBySchool)).toEqual([
      { name: 'OBS De Regenboog', thisYear: 12, lastYear: 9 },
      { name: 'Het Kompas' },
    ]);
    expect(chartPoints({ ...requestsBySchool, chartColumn: null })).toEqual([]);
  });

  it('says so in a table without rows, and in a section without tables', async () => {
    fakeApi({ figures: figuresOf([noVisits], false) });
    renderPage();
    const table = await screen.findByRole('table', { name: /Bezoeken per reden/ });
    expect(within(table).getByText('Niets te tellen in deze periode.')).toBeTruthy();
    const team = screen.getByRole('region', { name: 'Expertiseteam' });
    expect(within(team).getByText('Er zijn nog geen cijfers voor dit onderdeel.')).toBeTruthy();
  });

  it('sends the filters in the address, and carries them into the downloads', async () => {
    const calls = fakeApi({
      figures: figuresOf([requestsBySchool], false),
      locations: [
        location(regenboog, 'OBS De Regenboog', 'bo', boardNoord),
        location(kompas, 'Het Kompas', 'vso', boardZuid),
      ],
    });
    renderPage(`/cijfers?schooljaar=2025&onderdeel=team&school=${regenboog}&van=2025-09-01&tot=2025-12-31`);
    const table = await screen.findByRole('table', { name: /Hulpvragen per school/ });
    expect(Object.fromEntries(calls.at(-1) ?? [])).toEqual({
      schoolYear: '2025',
      section: 'team',
      locationId: regenboog,
      from: '2025-09-01',
      to: '2025-12-31',
    });
    const csv = screen.getByRole('link', { name: 'CSV van Hulpvragen per school' });
    const href = new URL(csv.getAttribute('href') ?? '', 'http://passend.test');
    expect(href.pathname).toBe('/api/reports/figures/export');
    expect(Object.fromEntries(href.searchParams)).toEqual({
      table: 'requests_by_school',
      format: 'csv',
      schoolYear: '2025',
      section: 'team',
      locationId: regenboog,
      from: '2025-09-01',
      to: '2025-12-31',
    });
    expect(
      screen.getByRole('link', { name: 'Excel van Hulpvragen per school' }).getAttribute('href'),
    ).toContain('format=xlsx');
    expect(table).toBeTruthy();
  });

  it('offers school, board and sector only to a viewer who reaches more than one school', async () => {
    fakeApi({
      figures: figuresOf([requestsBySchool], false),
      locations: [
        location(regenboog, 'OBS De Regenboog', 'bo', boardNoord),
        location(kompas, 'Het Kompas', 'vso', boardZuid),
      ],
    });
    renderPage();
    const school = await screen.findByRole('combobox', { name: 'School' });
    expect(
      within(school)
        .getAllByRole('option')
        .map((option) => option.textContent),
    ).toEqual(['Alle scholen', 'OBS De Regenboog', 'Het Kompas']);
    const board = await screen.findByRole('combobox', { name: 'Schoolbestuur' });
    expect(
      within(board)
        .getAllByRole('option')
        .map((option) => option.textContent),
    ).toEqual(['Alle besturen', 'Stichting Noord', 'Stichting Zuid']);
    expect(screen.getByRole('combobox', { name: 'Sector' })).toBeTruthy();
    cleanup();

    fakeApi({
      figures: figuresOf([requestsBySchool], false),
      locations: [location(regenboog, 'OBS De Regenboog', 'bo', boardNoord)],
    });
    renderPage();
    await screen.findByRole('table', { name: /Hulpvragen per school/ });
    expect(screen.queryByRole('combobox', { name: 'School' })).toBeNull();
    expect(screen.queryByRole('combobox', { name: 'Schoolbestuur' })).toBeNull();
    expect(screen.queryByRole('combobox', { name: 'Sector' })).toBeNull();
  });

  it('asks again when a filter changes, and keeps it in the address', async () => {
    const calls = fakeApi({ figures: figuresOf([requestsBySchool], false) });
    const router = renderPage();
    await screen.findByRole('table', { name: /Hulpvragen per school/ });
    fireEvent.change(screen.getByRole('combobox', { name: 'Onderdeel' }), { target: { value: 'punten' } });
    await waitFor(() => expect(calls.at(-1)?.get('section')).toBe('points'));
    expect(router.state.location.search).toBe('?onderdeel=punten');
    expect(screen.queryByRole('heading', { level: 2, name: 'Expertiseteam' })).toBeNull();
  });

  it('asks nothing while the period ends before it starts, and says so at the field', async () => {
    const calls = fakeApi({ figures: figuresOf([requestsBySchool], false) });
    renderPage('/cijfers?van=2026-10-01&tot=2026-09-01');
    expect(await screen.findByText('Kies een datum op of na de datum bij Van.')).toBeTruthy();
    expect(calls).toHaveLength(0);
  });

  it('says there are no schools when the viewer reaches none', async () => {
    fakeApi({ figures: figuresOf([], false), locations: [] });
    renderPage();
    expect(await screen.findByText('Er zijn geen scholen waarvan je de cijfers kunt zien.')).toBeTruthy();
  });

  it('shows an error the way other pages do', async () => {
    fakeApi({ figures: 'error' });
    renderPage();
    expect(await screen.findByRole('alert')).toBeTruthy();
  });

  it('links the staff office to the annual report and demand and capacity', async () => {
    fakeApi({ figures: figuresOf([], false) });
    renderPage('/cijfers', ['reports.read', 'reports.annual_report', 'reports.capacity']);
    expect(screen.getByRole('link', { name: 'Jaarverslag maken' }).getAttribute('href')).toBe('/jaarverslag');
    expect(screen.getByRole('link', { name: 'Vraag en capaciteit bekijken' }).getAttribute('href')).toBe(
      '/vraag-en-capaciteit',
    );
    cleanup();
    fakeApi({ figures: figuresOf([], false) });
    renderPage('/cijfers', ['reports.read']);
    expect(screen.queryByRole('link', { name: 'Jaarverslag maken' })).toBeNull();
  });
});

describe('shownCell', () => {
  const units = { hours: (text: string) => `${text} uur`, days: (text: string) => `${text} dagen` };
  const format = (value: number) => new Intl.NumberFormat('nl-NL').format(value);
  it('P9: keeps the signs for small and hidden cells apart from numbers', () => {
    expect(shownCell('small', 'count', format, units)).toEqual({ kind: 'small' });
    expect(shownCell('hidden', 'percent', format, units)).toEqual({ kind: 'hidden' });
    expect(shownCell(null, 'days', format, units)).toEqual({ kind: 'none' });
    expect(shownCell(0, 'count', format, units)).toEqual({ kind: 'value', text: '0' });
    expect(shownCell(12.5, 'hours', format, units)).toEqual({ kind: 'value', text: '12,5 uur' });
    expect(shownCell(80, 'percent', format, units)).toEqual({ kind: 'value', text: '80 %' });
  });
});
