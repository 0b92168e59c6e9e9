// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { focusHeadingWhenShown } from './focus-heading';

function region(): HTMLElement {
  const main = document.createElement('main');
  main.id = 'test-main';
  document.body.append(main);
  return main;
}

afterEach(() => document.body.replaceChildren());

describe('focusHeadingWhenShown', () => {
  it('focuses the heading that is already there, without adding a Tab stop', () => {
    region().innerHTML = '<h1>Users</h1>';
    focusHeadingWhenShown('test-main');
    expect(document.activeElement?.textContent).toBe('Users');
    expect(document.activeElement?.getAttribute('tabindex')).toBe('-1');
  });

  it('waits for a heading that comes later (an area still loading)', async () => {
    const main = region();
    main.innerHTML = '<div>loading</div>';
    focusHeadingWhenShown('test-main');
    expect(document.activeElement).toBe(document.body);
    main.innerHTML = '<h1>Rights</h1>';
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(document.activeElement?.textContent).toBe('Rights');
  });

  it('stops waiting when told to', async () => {
    const main = region();
    const stop = focusHeadingWhenShown('test-main');
    stop();
    main.innerHTML = '<h1>Late</h1>';
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(document.activeElement).toBe(document.body);
  });
});
