import { lazy, type ComponentType, type LazyExoticComponent } from 'react';

export interface PreloadableLazy<P> {
  Component: LazyExoticComponent<ComponentType<P>>;
  /** Fetches the chunk; once it is in, the component renders without suspending. */
  preload: () => Promise<unknown>;
}

/**
 * React.lazy for a chunk that is fetched ahead of its first render. A plain lazy component suspends on its first
 * render even when the chunk is already there (its import() resolves a microtask later); the Suspense fallback
 * then shows, and React holds back the content that replaces it for up to 300 ms. Here the first render finds a
 * loaded chunk through a thenable that resolves at once (lazy accepts any thenable), so nothing suspends.
 */
export function preloadableLazy<M, P>(load: () => Promise<M>, pick: (module: M) => ComponentType<P>): PreloadableLazy<P> {
  let loaded: { default: ComponentType<P> } | undefined;
  const preload = () =>
    load().then((module) => {
      loaded = { default: pick(module) };
      return loaded;
    });
  const Component = lazy(() => (loaded === undefined ? preload() : resolvedThenable(loaded)));
  return { Component, preload };
}

function resolvedThenable<T>(value: T): Promise<T> {
  const thenable = { then: (resolve: (value: T) => void) => resolve(value) };
  return thenable as unknown as Promise<T>;
}
