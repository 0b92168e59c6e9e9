import type { Page } from '@playwright/test';

/**
 * What a person would see in the browser's developer tools while clicking through: uncaught errors, console errors
 * and failed HTTP responses (the page's own files, downloads and the host's routes; calls go over the WebSocket).
 */
export function recordRuntimeErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()} (${message.location().url})`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400) errors.push(`HTTP ${response.status()}: ${new URL(response.url()).pathname}`);
  });
  return errors;
}
