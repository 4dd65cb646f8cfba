// @vitest-environment jsdom
import { act, cleanup, render, screen } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { setUpDom } from '../test/dom.ts';
import { RouteNotice, useNavigateWithNotice } from './notice.tsx';

beforeAll(setUpDom);
afterEach(cleanup);

function Start({ replace }: { replace: boolean }) {
  const navigateWithNotice = useNavigateWithNotice();
  return (
    <button
      type="button"
      onClick={() => navigateWithNotice('/volgende', 'Het concept is opgeslagen.', { replace })}
    >
      Opslaan
    </button>
  );
}

function routerFor(replace: boolean) {
  return createMemoryRouter(
    [
      { path: '/begin', element: <Start replace={replace} /> },
      { path: '/volgende', element: <RouteNotice /> },
    ],
    { initialEntries: ['/vorige', '/begin'], initialIndex: 1 },
  );
}

describe('useNavigateWithNotice', () => {
  it('says on the next page what succeeded, and by default keeps the page it came from', async () => {
    const router = routerFor(false);
    render(<RouterProvider router={router} />);
    act(() => screen.getByRole('button', { name: 'Opslaan' }).click());
    expect((await screen.findByRole('status')).textContent).toBe('Het concept is opgeslagen.');
    expect(router.state.historyAction).toBe('PUSH');
  });

  it('replaces the page it came from when asked, so going back skips it', async () => {
    const router = routerFor(true);
    render(<RouterProvider router={router} />);
    act(() => screen.getByRole('button', { name: 'Opslaan' }).click());
    expect((await screen.findByRole('status')).textContent).toBe('Het concept is opgeslagen.');
    expect(router.state.historyAction).toBe('REPLACE');
  });
});
