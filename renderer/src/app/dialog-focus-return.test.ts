// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { watchDialogFocusReturn } from './dialog-focus-return';

const nextFrame = () => new Promise((resolve) => requestAnimationFrame(() => resolve(undefined)));
const flush = async () => {
  await Promise.resolve();
  await nextFrame();
};

function setUp() {
  const trigger = document.createElement('button');
  trigger.textContent = 'New user';
  const portal = document.createElement('div');
  portal.innerHTML = '<div role="dialog"><input aria-label="Name" /></div>';
  document.body.append(trigger);
  trigger.focus();
  document.body.append(portal);
  portal.querySelector('input')!.focus();
  return { trigger, portal };
}

let stop = () => undefined as void;
afterEach(() => {
  stop();
  document.body.replaceChildren();
});

describe('watchDialogFocusReturn', () => {
  it('gives focus back to the trigger when an unmounted dialog left it on nothing', async () => {
    stop = watchDialogFocusReturn();
    const { trigger, portal } = setUp();
    portal.remove();
    await flush();
    expect(document.activeElement).toBe(trigger);
  });

  it('leaves focus where the page put it', async () => {
    stop = watchDialogFocusReturn();
    const { portal } = setUp();
    const elsewhere = document.createElement('h1');
    elsewhere.tabIndex = -1;
    document.body.append(elsewhere);
    portal.remove();
    elsewhere.focus();
    await flush();
    expect(document.activeElement).toBe(elsewhere);
  });

  it('does nothing once stopped', async () => {
    stop = watchDialogFocusReturn();
    const { portal } = setUp();
    stop();
    portal.remove();
    await flush();
    expect(document.activeElement).toBe(document.body);
  });
});
