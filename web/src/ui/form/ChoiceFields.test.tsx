// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { setUpDom } from '../../test/dom.ts';
import { RadioGroupField } from './ChoiceFields.tsx';

beforeAll(setUpDom);
afterEach(cleanup);

describe('RadioGroupField', () => {
  it('ties a choice’s description to its radio button, and only where there is one', () => {
    render(
      <RadioGroupField
        name="type"
        legend="Waar gaat de hulpvraag over?"
        value=""
        onChange={() => undefined}
        choices={[
          { value: 'pupil', label: 'Een leerling', description: 'Ouders geven toestemming.' },
          { value: 'school', label: 'De hele school' },
        ]}
      />,
    );
    const pupil = screen.getByLabelText('Een leerling');
    const describedBy = pupil.getAttribute('aria-describedby') ?? '';
    expect(describedBy).not.toBe('');
    expect(document.getElementById(describedBy)?.textContent).toBe('Ouders geven toestemming.');
    expect(screen.getByLabelText('De hele school').hasAttribute('aria-describedby')).toBe(false);
  });

  it('marks the language of a label that is not in the page’s language', () => {
    render(
      <RadioGroupField
        name="locale"
        legend="Voorkeurstaal"
        value="nl"
        onChange={() => undefined}
        choices={[
          { value: 'nl', label: 'Nederlands', lang: 'nl' },
          { value: 'en', label: 'English', lang: 'en' },
        ]}
      />,
    );
    expect(screen.getByText('English').closest('label')?.getAttribute('lang')).toBe('en');
    expect(screen.getByText('Nederlands').closest('label')?.getAttribute('lang')).toBe('nl');
  });
});
