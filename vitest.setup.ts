// Renderer tests opt into jsdom per file with `// @vitest-environment jsdom`.
if (typeof window !== 'undefined') {
  // findBy*/waitFor give up after 1 s by default; with both cores busy (npm test runs two workers on a
  // 2-core machine) a debounced search and its re-render can take longer without anything being wrong.
  const { configure } = await import('@testing-library/react');
  configure({ asyncUtilTimeout: 5_000 });
  // The app loads the areas' texts before the signed-in shell; tests render areas directly.
  const { loadAreaLocales } = await import('./renderer/src/lib/i18n');
  await loadAreaLocales();
}
export {};
