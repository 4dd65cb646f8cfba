import { isRouteErrorResponse, useRouteError } from 'react-router';
import { ShellLayout } from './Shell.tsx';
import { NotFoundPage, UnexpectedError } from './StatusPages.tsx';

/**
 * The router's error boundary. Inside the shell (`standalone` false) only the page area is replaced;
 * when the shell itself failed, it brings its own frame.
 */
export function ErrorPage({ standalone = false }: { standalone?: boolean }) {
  const error = useRouteError();
  // Logged for developers and monitoring; the page itself shows no technical detail.
  console.error(error);
  const content =
    isRouteErrorResponse(error) && error.status === 404 ? (
      <NotFoundPage />
    ) : (
      <UnexpectedError error={error} />
    );
  return standalone ? <ShellLayout session={undefined}>{content}</ShellLayout> : content;
}
