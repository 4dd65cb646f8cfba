// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import i18next from 'i18next';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { MyWork } from '../../../../contracts/my-work.ts';
import type { NotificationPage } from '../../../../contracts/notifications.ts';
import { type SignedInSession, sessionQueryKey } from '../../app/session.ts';
import { setUpDom } from '../../test/dom.ts';
import { HomePage } from './HomePage.tsx';
import homeNl from './i18n/nl.json';

beforeAll(async () => {
  await setUpDom();
  i18next.addResourceBundle('nl', 'home', homeNl);
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const session = {
  state: 'signed_in',
  user: {
    id: 'u1',
    name: 'Ilse van Leeuwen',
    email: 'ilse@school.test',
    locale: 'nl',
    roles: [],
    recoveryCodesLeft: 10,
  },
  tenant: { id: 't1', name: 'SWV De Vallei' },
  permissions: [],
} as unknown as SignedInSession;

const notificationId = '00000000-0000-4000-8000-000000000001';

/** Answers the page's API calls from fixed data, and records the posts. */
function fakeApi(work: MyWork | null, notifications: NotificationPage) {
  const posts: string[] = [];
  const answer = (body: unknown) =>
    new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
  const fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    if (init?.method === 'POST') {
      posts.push(url);
      return answer(
        url.endsWith('/api/notifications/read')
          ? { marked: 1 }
          : { ...notifications.items[0], readAt: new Date().toISOString() },
      );
    }
    // `null`: the work never arrives while the test looks (the loading state).
    if (url.startsWith('/api/my-work')) return work ? answer(work) : new Promise<Response>(() => {});
    return answer(notifications);
  });
  vi.stubGlobal('fetch', fetch);
  return posts;
}

function renderPage(permissions: string[] = []) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  queryClient.setQueryData(sessionQueryKey, { ...session, permissions });
  const router = createMemoryRouter([
    { path: '/', element: <HomePage /> },
    { path: '*', element: <p>Lijst</p> },
  ]);
  render(
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>,
  );
  return router;
}

const noNotifications: NotificationPage = { items: [], page: 1, pageSize: 10, total: 0, unread: 0 };

/** One unread notification: a request assigned to the reader. */
const oneUnreadNotification: NotificationPage = {
  items: [
    {
      id: notificationId,
      kind: 'request_assigned',
      link: '/hulpvragen/abc',
      createdAt: '2026-10-05T08:00:00Z',
      readAt: null,
    },
  ],
  page: 1,
  pageSize: 10,
  total: 1,
  unread: 1,
};

describe('HomePage ("Mijn werk")', () => {
  it('greets the person by name and says it is loading, not that nothing waits, before the answer', async () => {
    fakeApi(null, noNotifications);
    renderPage();
    expect(screen.getByRole('heading', { level: 1 }).textContent).toContain('Ilse van Leeuwen');
    expect(screen.getAllByRole('status')[0]?.textContent).toBe('Je werk wordt geladen…');
    expect(screen.queryByText('Niets dat nu op je wacht.')).toBeNull();
  });

  it('lists each to-do with its count as a link to its list; a warning says so in words', async () => {
    fakeApi(
      {
        items: [
          {
            kind: 'requests_consent_expired',
            count: 2,
            to: '/hulpvragen?aandacht=consent_expired',
            severity: 'warning',
          },
          { kind: 'requests_drafts', count: 1, to: '/hulpvragen?status=draft', severity: 'info' },
        ],
      },
      noNotifications,
    );
    renderPage();
    const expired = await screen.findByRole('link', {
      name: '2 hulpvragen met een verlopen toestemmingslink',
    });
    expect(expired.getAttribute('href')).toBe('/hulpvragen?aandacht=consent_expired');
    expect(expired.closest('li')?.textContent).toContain('Let op:');
    const drafts = screen.getByRole('link', { name: '1 hulpvraag van je school is nog een concept' });
    expect(drafts.closest('li')?.textContent).not.toContain('Let op:');
    expect(screen.queryByText(/herstelcode/)).toBeNull();
  });

  it('says nothing waits when the list is empty, and warns about recovery codes only when the answer has them', async () => {
    fakeApi({ items: [], recoveryCodesLeft: 2 }, noNotifications);
    renderPage();
    expect(await screen.findByText('Niets dat nu op je wacht.')).toBeTruthy();
    expect(screen.getByText(/nog 2 herstelcodes over/)).toBeTruthy();
    expect(screen.getByText('Je hebt geen meldingen.')).toBeTruthy();
  });

  it('marks unread notifications and marks one, or all, read', async () => {
    const posts = fakeApi({ items: [] }, oneUnreadNotification);
    renderPage();
    const link = await screen.findByRole('link', { name: 'Er is een hulpvraag aan je toegewezen' });
    const row = link.closest('li') as HTMLElement;
    expect(row.textContent).toContain('Nieuw');
    expect(screen.getByRole('heading', { name: /Meldingen/ }).textContent).toContain('1 ongelezen');
    await act(async () => within(row).getByRole('button', { name: 'Markeer als gelezen' }).click());
    await act(async () => screen.getByRole('button', { name: 'Alles gelezen' }).click());
    expect(posts).toEqual([`/api/notifications/${notificationId}/read`, '/api/notifications/read']);
  });

  it('offers the figures to whoever reads them (a school board has no other work here)', async () => {
    fakeApi({ items: [] }, noNotifications);
    renderPage(['reports.read']);
    expect(await screen.findByText('Niets dat nu op je wacht.')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Naar de cijfers' }).getAttribute('href')).toBe('/cijfers');
    cleanup();
    renderPage();
    expect(await screen.findByText('Niets dat nu op je wacht.')).toBeTruthy();
    expect(screen.queryByRole('link', { name: 'Naar de cijfers' })).toBeNull();
  });

  it('marks a notification read when the person follows it', async () => {
    const posts = fakeApi({ items: [] }, oneUnreadNotification);
    renderPage();
    const link = await screen.findByRole('link', { name: 'Er is een hulpvraag aan je toegewezen' });
    await act(async () => link.click());
    await waitFor(() => expect(posts).toEqual([`/api/notifications/${notificationId}/read`]));
  });
});
