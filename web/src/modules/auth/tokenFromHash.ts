import { useEffect, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';

function parseToken(hash: string): string | null {
  return new URLSearchParams(hash.replace(/^#/, '')).get('token');
}

/**
 * Reads `#token=…` from a mail link and then removes it from the address bar and history, so the
 * token is not left behind in the browser (fragments never reach a server or its logs).
 */
export function useTokenFromHash(): string | null {
  const location = useLocation();
  const navigate = useNavigate();
  const [token, setToken] = useState(() => parseToken(location.hash));
  useEffect(() => {
    if (!location.hash) return;
    // Also when a second link is opened in a tab that already shows this page.
    const fromHash = parseToken(location.hash);
    if (fromHash) setToken(fromHash);
    void navigate({ pathname: location.pathname, search: location.search }, { replace: true });
  }, [location.hash, location.pathname, location.search, navigate]);
  return token;
}
