import { useSyncExternalStore } from 'react';

/**
 * Recovery codes just issued by the enrolment, kept outside the route tree: confirming MFA completes
 * the session on the server, and a session refetch must not take the codes off the screen before
 * the user has stored them. Memory only, never persisted.
 */
type PendingCodes = { codes: string[]; name: string } | null;

let pending: PendingCodes = null;
const listeners = new Set<() => void>();

function notify(): void {
  for (const listener of listeners) listener();
}

export function setPendingRecoveryCodes(value: PendingCodes): void {
  pending = value;
  notify();
}

export function usePendingRecoveryCodes(): PendingCodes {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => pending,
  );
}
