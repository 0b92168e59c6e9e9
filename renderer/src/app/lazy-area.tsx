import { Center, Loader } from '@mantine/core';
import { lazy, Suspense, type ComponentType, type ReactNode } from 'react';

/**
 * An area loaded on first visit (route-level code splitting): the sign-in screen and the shell load no
 * feature code; each area's chunk arrives when its route is opened.
 */
export function lazyArea<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K): ReactNode {
  const Area = lazy<ComponentType>(async () => ({ default: (await load())[name] }));
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
