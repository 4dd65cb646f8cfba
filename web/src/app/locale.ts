import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect } from 'react';
import type { SessionState } from '../../../contracts/auth.ts';
import type { Locale } from '../../../contracts/fields.ts';
import { applyLocale, storedLocale } from '../i18n/i18n.ts';
import { api } from './api.ts';
import { sessionQueryKey } from './session.ts';

/** Switches the language now, and for a signed-in user also stores it in the account (mail language). */
export function useChooseLocale(session: SessionState | undefined) {
  const queryClient = useQueryClient();
  return useCallback(
    async (locale: Locale) => {
      applyLocale(locale);
      if (session?.state !== 'signed_in' || session.user.locale === locale) return;
      await api.patch('/api/account', { locale });
      await queryClient.invalidateQueries({ queryKey: sessionQueryKey });
    },
    [session, queryClient],
  );
}

/**
 * On a browser that never chose a language, a signed-in user gets the language of their account.
 * A choice made in this browser wins: it is the most recent thing the user told us.
 */
export function useAdoptAccountLocale(session: SessionState | undefined): void {
  const accountLocale = session?.state === 'signed_in' ? session.user.locale : null;
  useEffect(() => {
    if (accountLocale && !storedLocale()) applyLocale(accountLocale);
  }, [accountLocale]);
}
