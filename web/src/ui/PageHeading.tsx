import { Heading1 } from '@utrecht/component-library-react';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

// The first heading after a full page load keeps focus where the browser put it (top of the page,
// where the skip link is); every later one is a navigation inside the app and takes focus.
let pageHeadingsShown = 0;

type PageHeadingProps = {
  children: string;
  /** A placeholder heading (loading) neither takes focus nor counts as the first page. */
  placeholder?: boolean;
};

/** The one h1 of a page: sets the document title and receives focus after in-app navigation. */
export function PageHeading({ children, placeholder = false }: PageHeadingProps) {
  const { t } = useTranslation();
  const ref = useRef<HTMLHeadingElement>(null);
  const handled = useRef(false);

  useEffect(() => {
    document.title = t('app.documentTitle', { page: children });
  }, [children, t]);

  useEffect(() => {
    // React's strict mode runs effects twice; count and focus once per mounted heading.
    if (handled.current || placeholder) return;
    handled.current = true;
    pageHeadingsShown += 1;
    // A notice the previous page left ("De hulpvraag is ingediend.") sits above the heading and has
    // taken focus so it is read first; the heading does not take it away.
    const noticeHasFocus = document.activeElement?.closest('.passend-route-notice') != null;
    if (pageHeadingsShown > 1 && !noticeHasFocus) ref.current?.focus();
  }, [placeholder]);

  return (
    <Heading1 ref={ref} tabIndex={-1} className="passend-page-heading">
      {children}
    </Heading1>
  );
}
