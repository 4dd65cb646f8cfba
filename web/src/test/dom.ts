import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import nl from '../i18n/nl.json';

/**
 * Sets up a component test in jsdom: the shared Dutch catalogue, and the browser features jsdom
 * lacks that the kits use (a modal `<dialog>`, scrolling into view).
 */
export async function setUpDom(): Promise<void> {
  if (!i18next.isInitialized) {
    await i18next.use(initReactI18next).init({
      resources: { nl: { translation: nl } },
      lng: 'nl',
      initAsync: false,
      interpolation: { escapeValue: false },
    });
  }
  // jsdom has no layout: scrolling is a no-op there.
  if (typeof Element.prototype.scrollIntoView !== 'function') Element.prototype.scrollIntoView = () => {};
  const dialog = window.HTMLDialogElement?.prototype;
  if (dialog && !('showModal' in dialog && typeof dialog.showModal === 'function')) {
    dialog.showModal = function showModal(this: HTMLDialogElement) {
      this.setAttribute('open', '');
    };
    dialog.close = function close(this: HTMLDialogElement) {
      this.removeAttribute('open');
    };
  }
}
