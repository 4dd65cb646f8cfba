// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { setUpDom } from '../test/dom.ts';
import { RouteNotice, useNavigateWithNotice } from './notice.tsx';

function Page({ replace }: { replace?: boolean }) {
  const navigateWithNotice = useNavigateWithNotice();
  return (
    <>
      <RouteNotice />
      <button
        type="button"
        onClick={() => navigateWithNotice('/dossier', 'Het besluit is vastgelegd.', { replace })}
      >
        Opslaan
      </button>
    </>
  );
}

function routerFor(replace?: boolean) {
  return createMemoryRouter([{ path: '*', element: <Page replace={replace} /> }], {
    initialEntries: ['/lijst', '/dossier'],
  });
}

beforeAll(setUpDom);
afterEach(cleanup);

describe('useNavigateWithNotice', () => {
  it('says on the next page what succeeded, and takes focus there', async () => {
    const router = routerFor();
    render(<RouterProvider router={router} />);
    fireEvent.click(screen.getByRole('button', { name: 'Opslaan' }));
    const notice = await screen.findByRole('status');
    expect(notice.textContent).toContain('Het besluit is vastgelegd.');
    expect(document.activeElement?.contains(notice)).toBe(true);
    expect(router.state.historyAction).toBe('PUSH');
  });

  it('says it on the same page without a second history entry when asked to replace', async () => {
    const router = routerFor(true);
    render(<RouterProvider router={router} />);
    fireEvent.click(screen.getByRole('button', { name: 'Opslaan' }));
    expect((await screen.findByRole('status')).textContent).toContain('Het besluit is vastgelegd.');
    expect(router.state.historyAction).toBe('REPLACE');
    // Back leaves the page instead of showing it once more without the notice.
    await act(() => router.navigate(-1));
    expect(router.state.location.pathname).toBe('/lijst');
  });
});
