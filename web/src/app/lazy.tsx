import { type ComponentType, type LazyExoticComponent, lazy } from 'react';
import { errorNamespaces, loadNamespaces, type ModuleNamespace } from '../i18n/i18n.ts';

/**
 * A screen's code or catalogue could not be fetched: most often a new version was deployed and the
 * old files are gone. The error page then offers to reload rather than reporting a fault.
 */
export class ChunkLoadError extends Error {
  constructor(cause: unknown) {
    super('A part of the app could not be loaded', { cause });
    this.name = 'ChunkLoadError';
  }
}

/** Whether an error is a failed load of a part of the app (see `ChunkLoadError`). */
export function isChunkLoadError(error: unknown): error is ChunkLoadError {
  return error instanceof ChunkLoadError;
}

/**
 * A screen that loads when first shown, with the catalogues it speaks from (its module's, any other
 * module's whose parts it shows, and those holding the error texts): route-level code splitting that
 * keeps sign-in and the start page small. The shell's Suspense boundary shows the loading state.
 *
 * ```ts
 * const RequestsListPage = lazyPage(() => import('./RequestsListPage.tsx'), 'RequestsListPage', ['requests']);
 * ```
 */
export function lazyPage<
  // biome-ignore lint/suspicious/noExplicitAny: a screen's props are its own; React.lazy types them as any.
  Exports extends Record<Name, ComponentType<any>>,
  Name extends string,
>(
  load: () => Promise<Exports>,
  name: Name,
  namespaces: readonly ModuleNamespace[] = [],
): LazyExoticComponent<Exports[Name]> {
  return lazy(async () => {
    try {
      const [exports] = await Promise.all([load(), loadNamespaces([...namespaces, ...errorNamespaces])]);
      return { default: exports[name] };
    } catch (error) {
      throw new ChunkLoadError(error);
    }
  });
}
