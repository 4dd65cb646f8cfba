// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { setUpDom } from '../test/dom.ts';
import { PageHeading } from './PageHeading.tsx';

beforeAll(setUpDom);
afterEach(cleanup);

function FocusedNotice() {
  return (
    <div className="passend-route-notice" tabIndex={-1} ref={(element) => element?.focus()}>
      De hulpvraag is ingediend.
    </div>
  );
}

describe('PageHeading', () => {
  it('takes focus after an in-app navigation, but leaves it on a notice the previous page left', () => {
    // The first heading is the full page load: it leaves focus where the browser put it.
    render(<PageHeading>Startpagina</PageHeading>);
    expect(document.activeElement).toBe(document.body);
    cleanup();

    render(<PageHeading>Hulpvragen</PageHeading>);
    expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'Hulpvragen' }));
    cleanup();

    render(
      <>
        <FocusedNotice />
        <PageHeading>Hulpvraag HV-2026-0001</PageHeading>
      </>,
    );
    expect(document.activeElement?.textContent).toBe('De hulpvraag is ingediend.');
  });
});
