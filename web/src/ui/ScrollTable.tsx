import { Table, TableCaption } from '@utrecht/component-library-react';
import { type ReactNode, useId } from 'react';

/**
 * A table that scrolls sideways on a narrow screen instead of widening the page. The scroll area is
 * named by the caption and focusable, so keyboard users can scroll it too (WCAG 2.1.1).
 */
export function ScrollTable({ caption, children }: { caption: ReactNode; children: ReactNode }) {
  const captionId = useId();
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable table must be reachable by keyboard.
    <section className="passend-table-scroll" aria-labelledby={captionId} tabIndex={0}>
      <Table>
        <TableCaption id={captionId}>{caption}</TableCaption>
        {children}
      </Table>
    </section>
  );
}
