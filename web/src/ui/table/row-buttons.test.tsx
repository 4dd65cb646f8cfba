// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { setUpDom } from '../../test/dom.ts';
import { useRowButtons } from './row-buttons.ts';

let buttons: ReturnType<typeof useRowButtons<string>>;

function Rows({ keys }: { keys: string[] }) {
  buttons = useRowButtons<string>();
  return (
    <>
      {keys.map((key) => (
        <button key={key} type="button" ref={buttons.refFor(key)}>
          {key}
        </button>
      ))}
    </>
  );
}

beforeAll(setUpDom);
afterEach(cleanup);

describe('useRowButtons', () => {
  it('focuses the button of the row by its key, also after the rows re-rendered in another order', () => {
    const { rerender } = render(<Rows keys={['a', 'b']} />);
    buttons.focusNow('b');
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'b' }));
    rerender(<Rows keys={['c', 'b', 'a']} />);
    buttons.focusNow('a');
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'a' }));
    buttons.focusNow('c');
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'c' }));
  });
});
