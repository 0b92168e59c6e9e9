import { Center, Loader } from '@mantine/core';
import { Suspense, type ComponentType, type ReactNode } from 'react';
import { preloadableLazy } from '../lib/preloadable-lazy';

/**
 * An area loaded on first visit (route-level code splitting): the sign-in screen and the shell load no
 * feature code; each area's chunk arrives when its route is opened.
 */
export function lazyArea<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K): ReactNode {
  return areaElement(preloadableLazy(load, (module) => module[name]).Component);
}

/** An area's page behind its loading state; one fetched ahead (preloadableLazy) renders at once. */
export function areaElement(Area: ComponentType): ReactNode {
  return (
    <Suspense fallback={<AreaLoading />}>
      <Area />
    </Suspense>
  );
}

export function AreaLoading() {
  return (
    <Center py="xl" data-testid="area-loading">
      <Loader size="sm" />
    </Center>
  );
}
