import { Table, TableCaption } from '@utrecht/component-library-react';
import { type ReactNode, type Ref, useId } from 'react';

type ScrollTableProps = {
  caption: ReactNode;
  children: ReactNode;
  busy?: boolean;
  className?: string;
  /** The scroll area, for a table that scrolls itself (e.g. to today's column). */
  scrollRef?: Ref<HTMLElement>;
};

/**
 * A table that scrolls sideways on a narrow screen instead of widening the page. The scroll area is
 * named by the caption and focusable, so keyboard users can scroll it too (WCAG 2.1.1).
 */
export function ScrollTable({ caption, children, busy, className, scrollRef }: ScrollTableProps) {
  const captionId = useId();
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable table must be reachable by keyboard.
    <section ref={scrollRef} className="passend-table-scroll" aria-labelledby={captionId} tabIndex={0}>
      <Table busy={busy} className={className}>
        <TableCaption id={captionId}>{caption}</TableCaption>
        {children}
      </Table>
    </section>
  );
}
