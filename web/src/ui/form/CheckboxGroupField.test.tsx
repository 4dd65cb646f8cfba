// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { ApiError } from '../../app/api.ts';
import { setUpDom } from '../../test/dom.ts';
import { ContractForm } from '../Form.tsx';
import { CheckboxGroupField } from './CheckboxGroupField.tsx';
import { useContractForm } from './useContractForm.ts';

const kinds = ['reading', 'maths', 'behaviour'] as const;
const schema = z.strictObject({ kinds: z.array(z.enum(kinds)).min(1) });

function Wrapper({ children }: { children: ReactNode }) {
  const client = new QueryClient({ defaultOptions: { mutations: { retry: false } } });
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}

function TestForm({ send }: { send: (input: z.output<typeof schema>) => Promise<unknown> }) {
  const form = useContractForm({ schema, initial: { kinds: [] as string[] }, send });
  return (
    <ContractForm form={form}>
      <CheckboxGroupField
        name="kinds"
        legend="Waar gaat het om?"
        choices={[
          { value: 'reading', label: 'Lezen' },
          { value: 'maths', label: 'Rekenen' },
          { value: 'behaviour', label: 'Gedrag' },
        ]}
        value={form.values.kinds}
        onChange={(value) => form.set('kinds', value)}
        error={form.message('kinds')}
      />
      <button type="submit">Opslaan</button>
    </ContractForm>
  );
}

beforeAll(setUpDom);
afterEach(cleanup);

describe('CheckboxGroupField', () => {
  it('sends the ticked values in the order of the choices', async () => {
    const send = vi.fn().mockResolvedValue({});
    render(<TestForm send={send} />, { wrapper: Wrapper });
    fireEvent.click(screen.getByLabelText('Gedrag'));
    fireEvent.click(screen.getByLabelText('Lezen'));
    fireEvent.click(screen.getByLabelText('Rekenen'));
    fireEvent.click(screen.getByLabelText('Rekenen'));
    fireEvent.click(screen.getByRole('button', { name: 'Opslaan' }));
    await waitFor(() => expect(send).toHaveBeenCalledWith({ kinds: ['reading', 'behaviour'] }, undefined));
  });

  it('names the group in its error, and the summary link focuses its first box', async () => {
    const send = vi.fn();
    render(<TestForm send={send} />, { wrapper: Wrapper });
    fireEvent.click(screen.getByRole('button', { name: 'Opslaan' }));
    const group = screen.getByRole('group', { name: 'Waar gaat het om?' });
    await waitFor(() => expect(group.getAttribute('aria-describedby')).toBeTruthy());
    const described = document.getElementById(group.getAttribute('aria-describedby') ?? '');
    const link = await screen.findByRole('link');
    expect(described?.textContent).toBe(link.textContent);
    expect(send).not.toHaveBeenCalled();
    fireEvent.click(link);
    expect(document.activeElement).toBe(screen.getByLabelText('Lezen'));
  });

  it("shows the server's problem with the group beside it", async () => {
    const send = vi
      .fn()
      .mockRejectedValue(
        new ApiError(422, 'validation_failed', 'x', [
          { path: 'kinds', code: 'too_small', message: 'Kies minstens één.' },
        ]),
      );
    render(<TestForm send={send} />, { wrapper: Wrapper });
    fireEvent.click(screen.getByLabelText('Lezen'));
    fireEvent.click(screen.getByRole('button', { name: 'Opslaan' }));
    const group = await screen.findByRole('group', { name: 'Waar gaat het om?' });
    await waitFor(() => expect(screen.getByLabelText('Lezen').getAttribute('aria-invalid')).toBe('true'));
    expect(group.textContent).toContain('Kies minstens één.');
  });
});
