// @vitest-environment jsdom
import '../test/setup-dom';
import { render, screen } from '@testing-library/react';
import { lazy, Suspense } from 'react';
import { describe, expect, it } from 'vitest';
import { preloadableLazy } from './preloadable-lazy';

const Part = ({ label }: { label: string }) => <p>{label}</p>;
const chunk = () => Promise.resolve({ Part });

describe('preloadableLazy', () => {
  it('renders a preloaded chunk in its first render, without the Suspense fallback', async () => {
    const { Component, preload } = preloadableLazy(chunk, (module) => module.Part);
    await preload();
    render(
      <Suspense fallback={<p>loading</p>}>
        <Component label="form" />
      </Suspense>,
    );
    expect(screen.getByText('form')).toBeTruthy();
    expect(screen.queryByText('loading')).toBeNull();
  });

  it('(what it avoids) a plain lazy component shows its fallback first though its chunk is loaded', async () => {
    await chunk();
    const Plain = lazy(async () => ({ default: (await chunk()).Part }));
    render(
      <Suspense fallback={<p>loading</p>}>
        <Plain label="form" />
      </Suspense>,
    );
    expect(screen.getByText('loading')).toBeTruthy();
    expect(await screen.findByText('form')).toBeTruthy();
  });

  it('loads a chunk that was not preloaded on its first render', async () => {
    const { Component } = preloadableLazy(chunk, (module) => module.Part);
    render(
      <Suspense fallback={<p>loading</p>}>
        <Component label="later" />
      </Suspense>,
    );
    expect(await screen.findByText('later')).toBeTruthy();
  });
});
