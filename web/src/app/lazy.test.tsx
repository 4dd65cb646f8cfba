// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import i18next from 'i18next';
import { type ComponentType, Suspense } from 'react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { setUpDom } from '../test/dom.ts';
import { ErrorPage } from './ErrorPage.tsx';
import { lazyPage } from './lazy.tsx';

beforeAll(setUpDom);
afterEach(cleanup);

function renderRoute(Page: ComponentType) {
  const router = createMemoryRouter([
    {
      path: '/',
      errorElement: <ErrorPage />,
      element: (
        <Suspense fallback={<p role="status">Even geduld</p>}>
          <Page />
        </Suspense>
      ),
    },
  ]);
  render(<RouterProvider router={router} />);
}

describe('lazyPage', () => {
  it('shows the screen once its code and its catalogues are there', async () => {
    expect(i18next.hasResourceBundle('nl', 'retention')).toBe(false);
    const Screen = lazyPage(
      async () => ({
        RetentionScreen: () => (
          <h1>{i18next.hasResourceBundle('nl', 'retention') ? 'klaar' : 'zonder teksten'}</h1>
        ),
      }),
      'RetentionScreen',
      ['retention'],
    );
    renderRoute(Screen);
    expect(await screen.findByRole('heading', { level: 1 })).toHaveProperty('textContent', 'klaar');
    expect(i18next.hasResourceBundle('en', 'retention')).toBe(true);
    // The catalogues with the error texts come along.
    expect(i18next.hasResourceBundle('nl', 'requests')).toBe(true);
  });

  it('offers to reload when the code of a screen cannot be fetched (a new version was deployed)', async () => {
    const Screen = lazyPage(
      () =>
        Promise.reject<{ Gone: ComponentType }>(new TypeError('Failed to fetch dynamically imported module')),
      'Gone',
    );
    const logged = console.error;
    console.error = () => {};
    try {
      renderRoute(Screen);
      expect(await screen.findByRole('heading', { level: 1, name: 'Passend is bijgewerkt' })).toBeTruthy();
      expect(screen.getByRole('button', { name: 'Pagina opnieuw laden' })).toBeTruthy();
    } finally {
      console.error = logged;
    }
  });
});
