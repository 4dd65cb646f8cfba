// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import i18next from 'i18next';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { type SignedInSession, sessionQueryKey } from '../../app/session.ts';
import { setUpDom } from '../../test/dom.ts';
import trajectoriesNl from './i18n/nl.json';
import { TrajectoriesPage } from './TrajectoriesPage.tsx';

beforeAll(async () => {
  await setUpDom();
  i18next.addResourceBundle('nl', 'trajectories', trajectoriesNl);
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const session = {
  state: 'signed_in',
  user: {
    id: 'u1',
    name: 'Zora Koster',
    email: 'zora@school.test',
    locale: 'nl',
    roles: [],
    recoveryCodesLeft: 10,
  },
  tenant: { id: 't1', name: 'SWV De Vallei' },
  permissions: ['trajectories.read'],
} as unknown as SignedInSession;

const locationId = '00000000-0000-4000-8000-00000000000a';

/** Renders the list at an address and records the list calls it makes. */
function renderAt(address: string) {
  const calls: string[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL) => {
      calls.push(String(input));
      return new Response(JSON.stringify({ items: [], page: 1, pageSize: 25, total: 0 }), {
        status: 200,
        headers: { 'content-type': 'application/json' },
      });
    }),
  );
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  queryClient.setQueryData(sessionQueryKey, session);
  const router = createMemoryRouter([{ path: '/trajecten', element: <TrajectoriesPage /> }], {
    initialEntries: [address],
  });
  render(
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>,
  );
  return calls;
}

describe('TrajectoriesPage: one school from the figures', () => {
  it('S1: the figures’ drill-down to one school asks the list for that school and says so', async () => {
    const calls = renderAt(`/trajecten?vestiging=${locationId}&status=active`);
    await waitFor(() => expect(calls.some((url) => url.startsWith('/api/trajectories'))).toBe(true));
    const url = new URL(
      calls.find((call) => call.startsWith('/api/trajectories')) ?? '',
      'http://passend.test',
    );
    expect(url.searchParams.get('locationId')).toBe(locationId);
    expect(url.searchParams.get('status')).toBe('active');
    expect(screen.getByText(/Je ziet de leerlingen van één school/)).toBeTruthy();
  });

  it('ignores a school in the address that is not an id, and shows every school', async () => {
    const calls = renderAt('/trajecten?vestiging=onzin');
    await waitFor(() => expect(calls.some((url) => url.startsWith('/api/trajectories'))).toBe(true));
    const url = new URL(
      calls.find((call) => call.startsWith('/api/trajectories')) ?? '',
      'http://passend.test',
    );
    expect(url.searchParams.has('locationId')).toBe(false);
    expect(screen.queryByText(/Je ziet de leerlingen van één school/)).toBeNull();
  });
});
