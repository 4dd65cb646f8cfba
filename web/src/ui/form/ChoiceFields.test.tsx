// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { setUpDom } from '../../test/dom.ts';
import { RadioGroupField } from './ChoiceFields.tsx';

beforeAll(setUpDom);
afterEach(cleanup);

describe('RadioGroupField', () => {
  it('reads a choice’s own explanation with that choice, and adds nothing to a choice without one', () => {
    render(
      <RadioGroupField
        name="kind"
        legend="Soort overleg"
        value=""
        onChange={() => {}}
        choices={[
          { value: 'sot', label: 'SOT', description: 'Het overleg over leerlingen van de school.' },
          { value: 'other', label: 'Anders' },
        ]}
      />,
    );
    const sot = screen.getByLabelText('SOT');
    const described = document.getElementById(sot.getAttribute('aria-describedby') ?? '');
    expect(described?.textContent).toBe('Het overleg over leerlingen van de school.');
    expect(screen.getByLabelText('Anders').hasAttribute('aria-describedby')).toBe(false);
  });
});
