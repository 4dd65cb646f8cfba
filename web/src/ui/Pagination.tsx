import { Button, Paragraph } from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../app/format.ts';

type PaginationProps = {
  page: number;
  pageSize: number;
  total: number;
  onPageChange: (page: number) => void;
};

/** "1–25 of 312" with previous/next buttons; hidden when everything fits on one page. */
export function Pagination({ page, pageSize, total, onPageChange }: PaginationProps) {
  const { t } = useTranslation();
  const { number } = useFormatters();
  if (total === 0) return null;
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const from = (page - 1) * pageSize + 1;
  const to = Math.min(total, page * pageSize);
  return (
    <nav className="passend-pagination" aria-label={t('pagination.label')}>
      <Paragraph aria-live="polite">
        {t('pagination.range', { from: number(from), to: number(to), total: number(total) })}
      </Paragraph>
      {pages > 1 && (
        <>
          <Button
            type="button"
            appearance="secondary-action-button"
            // aria-disabled instead of disabled: the button keeps focus on the first or last page.
            aria-disabled={page <= 1 || undefined}
            onClick={() => page > 1 && onPageChange(page - 1)}
          >
            {t('pagination.previous')}
          </Button>
          <Paragraph>{t('pagination.current', { page: number(page), pages: number(pages) })}</Paragraph>
          <Button
            type="button"
            appearance="secondary-action-button"
            aria-disabled={page >= pages || undefined}
            onClick={() => page < pages && onPageChange(page + 1)}
          >
            {t('pagination.next')}
          </Button>
        </>
      )}
    </nav>
  );
}
