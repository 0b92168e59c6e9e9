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

  const isTrustedApp = trustedFrameCheck('app://console/index.html');
  it.each([
    ['app://console/index.html', true],
    ['app://console/index.html#/users/42', true],
    ['app://console/index.html?next=x', false],
    ['app://console/assets/index.js', false],
    ['app://console.evil/index.html', false],
    ['app://evil/index.html', false],
    ['file:///opt/Portal%20Console/resources/app.asar/out/renderer/index.html', false],
    ['about:blank', false],
  ])('app:// %s -> %s', (url, expected) => {
    expect(isTrustedApp(url)).toBe(expected);
  });
});
