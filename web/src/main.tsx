import '@utrecht/component-library-css/dist/index.css';
import './ui/theme.css';
import './ui/layout.css';
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router/dom';
import { isApiError } from './app/api.ts';
import { createRouter } from './app/router.tsx';
import { sessionQueryKey } from './app/session.ts';
import { initI18n } from './i18n/i18n.ts';

initI18n();

// A 401 `unauthenticated` anywhere means the session ended (expired, signed out elsewhere): re-read
// the session, and the gates send the user to sign in.
const onError = (error: unknown) => {
  if (isApiError(error, 'unauthenticated')) void queryClient.invalidateQueries({ queryKey: sessionQueryKey });
};

const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({ onError }),
  mutationCache: new MutationCache({ onError }),
  defaultOptions: {
    queries: {
      // Client errors (403, 404, 401) will not change by retrying.
      retry: (failureCount, error) =>
        failureCount < 2 && !(isApiError(error) && error.status >= 400 && error.status < 500),
    },
  },
});

const router = createRouter();
const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');

createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  </StrictMode>,
);
