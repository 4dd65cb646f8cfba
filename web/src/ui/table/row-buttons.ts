import { useMemo, useRef } from 'react';

/**
 * The buttons of a table's rows by key, so focus can go back to the row's button a dialog or form was
 * opened with once it closes (the row may have re-rendered in between).
 */
export function useRowButtons<Key>() {
  const buttons = useRef(new Map<Key, HTMLButtonElement>());
  return useMemo(
    () => ({
      /** The `ref` of the row's button. */
      refFor: (key: Key) => (element: HTMLButtonElement | null) => {
        if (element) buttons.current.set(key, element);
        else buttons.current.delete(key);
      },
      /** Focuses the row's button now (call after the dialog is gone). */
      focusNow: (key: Key) => buttons.current.get(key)?.focus(),
      /** Focuses the row's button after the next paint, once a closing dialog has unmounted. */
      focus: (key: Key) => requestAnimationFrame(() => buttons.current.get(key)?.focus()),
    }),
    [],
  );
}
