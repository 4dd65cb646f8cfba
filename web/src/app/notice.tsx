import { Alert, Paragraph } from '@utrecht/component-library-react';
import { useEffect, useRef } from 'react';
import { useLocation, useNavigate } from 'react-router';

type NoticeState = { notice?: unknown };

/**
 * Moves on to the next page and says there what just succeeded ("Je hulpvraag is ingediend"): the text
 * rides in the history entry, so it is gone after a reload or the next navigation. `replace` says it on
 * the page itself (a form that is gone once saved) without a second entry for the back button.
 */
export function useNavigateWithNotice(): (
  to: string,
  notice: string,
  options?: { replace?: boolean },
) => void {
  const navigate = useNavigate();
  // `replace` for a page that turns into the next one (a new draft into its edit page): back skips it.
  return (to, notice, options) =>
    navigate(to, { replace: options?.replace, state: { notice } satisfies NoticeState });
}

/** The notice the previous page left, announced and focused, at the top of the page. */
export function RouteNotice() {
  const location = useLocation();
  const ref = useRef<HTMLDivElement>(null);
  const notice = (location.state as NoticeState | null)?.notice;
  const text = typeof notice === 'string' ? notice : null;
  useEffect(() => {
    if (text) ref.current?.focus();
  }, [text]);
  if (!text) return null;
  return (
    <Alert type="ok" ref={ref} tabIndex={-1} role="status" className="passend-route-notice">
      <Paragraph>{text}</Paragraph>
    </Alert>
  );
}
