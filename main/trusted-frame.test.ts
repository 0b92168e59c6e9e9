import { describe, expect, it } from 'vitest';
import { trustedFrameCheck } from './trusted-frame';

const isTrusted = trustedFrameCheck('file:///opt/Portal%20Console/resources/app.asar/out/renderer/index.html');

describe('trustedFrameCheck', () => {
  it.each([
    ['file:///opt/Portal%20Console/resources/app.asar/out/renderer/index.html', true],
    ['file:///opt/Portal%20Console/resources/app.asar/out/renderer/index.html#/users', true],
    ['file:///opt/Portal%20Console/resources/app.asar/out/renderer/index.html?x=1', false],
    ['file:///opt/Portal%20Console/resources/app.asar/out/renderer/other.html', false],
    ['file:///opt/Portal%20Console/resources/app.asar/out/renderer/index.html.evil', false],
    ['https://example.com/index.html', false],
    ['', false],
  ])('%s -> %s', (url, expected) => {
    expect(isTrusted(url)).toBe(expected);
  });
});
