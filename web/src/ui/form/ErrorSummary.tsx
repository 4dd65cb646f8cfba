import { Alert, Heading2, Paragraph } from '@utrecht/component-library-react';
import { forwardRef, type MouseEvent, type RefObject, useLayoutEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type FormErrors, formMessage } from '../../app/forms.ts';
import type { SummaryItem } from './useContractForm.ts';

type ErrorSummaryProps = {
  errors: FormErrors;
  items: SummaryItem[];
  /** The form the fields live in: a problem links to the field whose name is its path. */
  formRef: RefObject<HTMLFormElement | null>;
};

function fieldOf(form: HTMLFormElement | null, path: string): HTMLElement | null {
  if (!form) return null;
  // Compared as attributes rather than in a selector, so no path needs escaping.
  const candidates = form.querySelectorAll<HTMLElement>('[name], [data-field]');
  return (
    Array.from(candidates).find(
      (element) => element.getAttribute('name') === path || element.dataset.field === path,
    ) ?? null
  );
}

/**
 * The error summary at the top of a form (GOV.UK / NL Design System pattern): what went wrong, and every
 * problem as a link that moves focus to its field. It takes focus after a failed submit.
 */
export const ErrorSummary = forwardRef<HTMLDivElement, ErrorSummaryProps>(function ErrorSummary(
  { errors, items, formRef },
  ref,
) {
  const { t } = useTranslation();
  const [fields, setFields] = useState<{ ids: Record<string, string>; order: string[] }>({
    ids: {},
    order: [],
  });

  // Field ids are React's own (useId), and the summary follows the order of the fields on the page
  // rather than of the contract: read both once the fields are in the page.
  useLayoutEffect(() => {
    const found = items.map((item) => ({ path: item.path, element: fieldOf(formRef.current, item.path) }));
    const ids: Record<string, string> = {};
    for (const { path, element } of found) if (element?.id) ids[path] = element.id;
    const order = found
      .slice()
      .sort((a, b) => {
        if (!a.element || !b.element) return a.element ? -1 : b.element ? 1 : 0;
        return a.element.compareDocumentPosition(b.element) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
      })
      .map(({ path }) => path);
    setFields({ ids, order });
  }, [items, formRef]);

  const fieldIds = fields.ids;
  const rank = (path: string) => {
    const index = fields.order.indexOf(path);
    return index === -1 ? Number.MAX_SAFE_INTEGER : index;
  };
  const ordered = [...items].sort((a, b) => rank(a.path) - rank(b.path));

  if (!errors.form) return null;

  const goTo = (event: MouseEvent<HTMLAnchorElement>, path: string) => {
    // Focus the field without a hash in the URL (the router would treat it as a navigation).
    event.preventDefault();
    const element = fieldOf(formRef.current, path);
    element?.focus();
    element?.scrollIntoView({ block: 'center' });
  };

  return (
    <Alert type="error" ref={ref} tabIndex={-1} className="passend-error-summary">
      <Heading2 className="passend-error-summary__title">{t('form.errorSummaryTitle')}</Heading2>
      <Paragraph>{formMessage(t, errors.form)}</Paragraph>
      {ordered.length > 0 && (
        <ul className="passend-error-summary__list">
          {ordered.map((item) => (
            <li key={item.path}>
              {fieldIds[item.path] ? (
                <a href={`#${fieldIds[item.path]}`} onClick={(event) => goTo(event, item.path)}>
                  {item.message}
                </a>
              ) : (
                item.message
              )}
            </li>
          ))}
        </ul>
      )}
      {errors.form.requestId && (
        <Paragraph appearance="small">
          {t('common.errorReference', { requestId: errors.form.requestId })}
        </Paragraph>
      )}
    </Alert>
  );
});
