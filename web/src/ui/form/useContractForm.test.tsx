// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { textSchema } from '../../../../contracts/fields.ts';
import { ApiError } from '../../app/api.ts';
import { setUpDom } from '../../test/dom.ts';
import { ContractForm } from '../Form.tsx';
import { TextField } from '../TextField.tsx';
import { CheckboxField, RadioGroupField } from './ChoiceFields.tsx';
import { useContractForm } from './useContractForm.ts';

const schema = z.strictObject({
  title: textSchema(40).pipe(z.string().min(1)),
  kind: z.enum(['pupil', 'group']),
  agree: z.literal(true),
});

type Values = { title: string; kind: string; agree: boolean };

function Wrapper({ children }: { children: ReactNode }) {
  const client = new QueryClient({ defaultOptions: { mutations: { retry: false } } });
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}

function TestForm({
  send,
  confirm = false,
}: {
  send: (input: z.output<typeof schema>) => Promise<{ id: string }>;
  confirm?: boolean;
}) {
  const form = useContractForm({
    schema,
    initial: { title: '', kind: '', agree: false } as Values,
    send,
    successNotice: 'De hulpvraag is ingediend.',
    confirm: confirm
      ? () => ({ title: 'Weet je het zeker?', body: 'Dit kan niet terug.', confirmLabel: 'Ja, indienen' })
      : undefined,
  });
  return (
    <ContractForm form={form}>
      <TextField label="Titel" {...form.field('title')} />
      <RadioGroupField
        legend="Soort"
        choices={[
          { value: 'pupil', label: 'Leerling' },
          { value: 'group', label: 'Groep' },
        ]}
        {...form.field('kind', 'choice')}
      />
      <CheckboxField label="Ik ga akkoord" {...form.checkbox('agree')} />
      <button type="submit">Indienen</button>
    </ContractForm>
  );
}

beforeAll(setUpDom);
afterEach(cleanup);

describe('useContractForm with ContractForm', () => {
  it('takes the limits from the contract', () => {
    render(<TestForm send={vi.fn()} />, { wrapper: Wrapper });
    const title = screen.getByLabelText('Titel') as HTMLInputElement;
    expect(title.maxLength).toBe(40);
    expect(title.getAttribute('aria-required') === 'true' || title.required).toBe(true);
  });

  it('sends nothing while a field is wrong, and lists every problem as a link in a focused summary', async () => {
    const send = vi.fn();
    render(<TestForm send={send} />, { wrapper: Wrapper });
    fireEvent.click(screen.getByRole('button', { name: 'Indienen' }));
    const summary = await screen.findByRole('alert');
    expect(send).not.toHaveBeenCalled();
    expect(document.activeElement?.classList.contains('passend-error-summary')).toBe(true);
    expect(document.activeElement?.contains(summary)).toBe(true);
    expect(summary.textContent).toContain('Er is een probleem');
    const links = Array.from(summary.querySelectorAll('a')).map((link) => link.textContent);
    expect(links).toEqual([
      'Vul dit veld in.',
      'Kies een van de mogelijkheden.',
      'Vink dit aan om verder te gaan.',
    ]);
  });

  it('lists the problems in the order of the fields on the page, not of the contract', async () => {
    function Reversed() {
      const form = useContractForm({
        schema,
        initial: { title: '', kind: '', agree: false } as Values,
        send: vi.fn(),
      });
      return (
        <ContractForm form={form}>
          <CheckboxField label="Ik ga akkoord" {...form.checkbox('agree')} />
          <TextField label="Titel" {...form.field('title')} />
          <button type="submit">Indienen</button>
        </ContractForm>
      );
    }
    render(<Reversed />, { wrapper: Wrapper });
    fireEvent.click(screen.getByRole('button', { name: 'Indienen' }));
    const summary = await screen.findByRole('alert');
    await waitFor(() =>
      expect(
        Array.from(summary.querySelectorAll('li')).map((item) => [
          item.textContent,
          item.querySelector('a')?.getAttribute('href') ?? null,
        ]),
      ).toEqual([
        ['Vink dit aan om verder te gaan.', `#${screen.getByLabelText('Ik ga akkoord').id}`],
        ['Vul dit veld in.', `#${screen.getByLabelText('Titel').id}`],
        // A problem without a field on the page is listed last, without a link.
        ['Vul dit veld in.', null],
      ]),
    );
  });

  it('lets the page’s own check speak before the contract on the same field', async () => {
    function Checked() {
      const form = useContractForm({
        schema,
        initial: { title: '', kind: '', agree: false } as Values,
        check: (values) =>
          values.title ? [] : [{ path: 'title', code: 'too_short', params: { minimum: 3 } }],
        send: vi.fn(),
      });
      return (
        <ContractForm form={form}>
          <TextField label="Titel" {...form.field('title')} />
          <button type="submit">Indienen</button>
        </ContractForm>
      );
    }
    render(<Checked />, { wrapper: Wrapper });
    fireEvent.click(screen.getByRole('button', { name: 'Indienen' }));
    expect(await screen.findByRole('link', { name: 'Gebruik minimaal 3 tekens.' })).toBeTruthy();
  });

  it('moves focus to the field when its problem in the summary is followed', async () => {
    render(<TestForm send={vi.fn()} />, { wrapper: Wrapper });
    fireEvent.click(screen.getByRole('button', { name: 'Indienen' }));
    const link = await screen.findByRole('link', { name: 'Kies een van de mogelijkheden.' });
    fireEvent.click(link);
    expect(document.activeElement).toBe(screen.getByLabelText('Leerling'));
    expect(link.getAttribute('href')).toBe(`#${screen.getByLabelText('Leerling').id}`);
  });

  it('shows the field errors the server answers with', async () => {
    const send = vi
      .fn()
      .mockRejectedValue(
        new ApiError(400, 'validation_failed', 'invalid', [
          { path: 'title', code: 'too_long', message: 'too long' },
        ]),
      );
    render(<TestForm send={send} />, { wrapper: Wrapper });
    fireEvent.change(screen.getByLabelText('Titel'), { target: { value: 'Lezen' } });
    fireEvent.click(screen.getByLabelText('Groep'));
    fireEvent.click(screen.getByLabelText('Ik ga akkoord'));
    fireEvent.click(screen.getByRole('button', { name: 'Indienen' }));
    await waitFor(() => expect(send).toHaveBeenCalledWith({ title: 'Lezen', kind: 'group', agree: true }));
    const summary = await screen.findByRole('alert');
    expect(summary.querySelectorAll('a')).toHaveLength(1);
    expect(screen.getByLabelText('Titel').getAttribute('aria-invalid')).toBe('true');
  });

  it('says so after success', async () => {
    const send = vi.fn().mockResolvedValue({ id: '1' });
    render(<TestForm send={send} />, { wrapper: Wrapper });
    fireEvent.change(screen.getByLabelText('Titel'), { target: { value: 'Lezen' } });
    fireEvent.click(screen.getByLabelText('Leerling'));
    fireEvent.click(screen.getByLabelText('Ik ga akkoord'));
    fireEvent.click(screen.getByRole('button', { name: 'Indienen' }));
    const notice = await screen.findByRole('status');
    expect(notice.textContent).toContain('De hulpvraag is ingediend.');
  });

  it('asks first before what cannot be undone, and sends only after yes', async () => {
    const send = vi.fn().mockResolvedValue({ id: '1' });
    render(<TestForm send={send} confirm />, { wrapper: Wrapper });
    fireEvent.change(screen.getByLabelText('Titel'), { target: { value: 'Lezen' } });
    fireEvent.click(screen.getByLabelText('Leerling'));
    fireEvent.click(screen.getByLabelText('Ik ga akkoord'));
    fireEvent.click(screen.getByRole('button', { name: 'Indienen' }));
    expect(await screen.findByText('Dit kan niet terug.')).toBeTruthy();
    expect(send).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Annuleren' }));
    expect(send).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Indienen' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Ja, indienen' }));
    await waitFor(() => expect(send).toHaveBeenCalledTimes(1));
  });
});
