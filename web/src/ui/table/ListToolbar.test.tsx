// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { paginationQuerySchema } from '../../../../contracts/fields.ts';
import { setUpDom } from '../../test/dom.ts';
import { ListToolbar, searchMaxLength } from './ListToolbar.tsx';

beforeAll(setUpDom);
afterEach(cleanup);

describe('ListToolbar', () => {
  it('limits the search box to what the paged lists accept, unless the list says otherwise', () => {
    const longest = 'a'.repeat(searchMaxLength ?? 0);
    expect(paginationQuerySchema.safeParse({ q: longest }).success).toBe(true);
    expect(paginationQuerySchema.safeParse({ q: `${longest}a` }).success).toBe(false);
    const { rerender } = render(
      <ListToolbar search={{ label: 'Zoek op naam', value: '', onSearch: () => {} }} />,
    );
    expect(screen.getByRole('searchbox', { name: 'Zoek op naam' }).getAttribute('maxlength')).toBe(
      String(searchMaxLength),
    );
    rerender(
      <ListToolbar search={{ label: 'Zoek op naam', value: '', onSearch: () => {}, maxLength: 20 }} />,
    );
    expect(screen.getByRole('searchbox', { name: 'Zoek op naam' }).getAttribute('maxlength')).toBe('20');
  });

  it('sends the trimmed term with Enter and offers the way back only when a filter is set', () => {
    const onSearch = vi.fn();
    const { rerender } = render(<ListToolbar search={{ label: 'Zoek', value: '', onSearch }} />);
    const box = screen.getByRole('searchbox', { name: 'Zoek' });
    fireEvent.change(box, { target: { value: '  Kompas ' } });
    fireEvent.submit(box.closest('form') as HTMLFormElement);
    expect(onSearch).toHaveBeenCalledWith('Kompas');
    expect(screen.queryByRole('button', { name: /wissen/i })).toBeNull();
    const onClear = vi.fn();
    rerender(<ListToolbar search={{ label: 'Zoek', value: 'Kompas', onSearch }} onClear={onClear} />);
    fireEvent.click(screen.getByRole('button', { name: /wissen/i }));
    expect(onClear).toHaveBeenCalled();
  });
});
