import { isRouteErrorResponse, useRouteError } from 'react-router';
import { isChunkLoadError } from './lazy.tsx';
import { ShellLayout } from './Shell.tsx';
import { NewVersionPage, NotFoundPage, UnexpectedError } from './StatusPages.tsx';

/**
 * The router's error boundary. Inside the shell (`standalone` false) only the page area is replaced;
 * when the shell itself failed, it brings its own frame.
 */
export function ErrorPage({ standalone = false }: { standalone?: boolean }) {
  const error = useRouteError();
  // Logged for developers and monitoring; the page itself shows no technical detail.
  console.error(error);
  let content = <UnexpectedError error={error} />;
  if (isRouteErrorResponse(error) && error.status === 404) content = <NotFoundPage />;
  // A screen's code is gone from the server (a new version was deployed): reloading fetches the new one.
  else if (isChunkLoadError(error)) content = <NewVersionPage />;
  return standalone ? <ShellLayout session={undefined}>{content}</ShellLayout> : content;
}
