import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { DEMO_ADMIN, LOCAL_PROFILE, openConsole, signIn } from './support/console';
import { recordRuntimeErrors } from './support/runtime-errors';

/**
 * WCAG 2.1 AA with axe-core over every screen, dialog and error state, in English and German. One console
 * per language; the screens are visited in order in one page, each starting where the one before left off.
 * A new screen or dialog gets one entry in `connectScreens` or `shellScreens`.
 */

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];
const BLOCKING = new Set(['critical', 'serious']);
const SHOTS = process.env.A11Y_SHOTS;
/**
 * axe-core, not the console: it injects itself into every frame, and the layout preview's frame is sandboxed
 * without scripts on purpose (it shows a customer's CSS), so Chromium logs the blocked injection.
 */
const AXE_IN_SANDBOXED_PREVIEW = /^console: Blocked script execution in 'about:srcdoc'/;

type Language = 'en' | 'de';

// A step that cannot happen fails within seconds instead of waiting for the whole test's timeout.
test.use({ actionTimeout: 15_000 });

interface Screen {
  name: string;
  /** Brings the page to this screen from where the previous screen left it. */
  open(page: Page, language: Language): Promise<void>;
  /** Leaves the screen (closes its dialog) so the next one starts from the shell. */
  leave?(page: Page): Promise<void>;
}

const words = {
  en: { defer: 'Defer …', switchLanguage: 'DE' },
  de: { defer: 'Aufschieben …', switchLanguage: 'DE' },
} as const;

const heading = (page: Page) => page.getByRole('heading', { level: 1 });
const dialog = (page: Page) => page.getByRole('dialog');

async function closeWithEscape(page: Page) {
  await page.keyboard.press('Escape');
  await expect(dialog(page)).toHaveCount(0);
}

async function area(page: Page, navKey: string, ready: string) {
  await page.getByTestId(`nav-${navKey}`).click();
  await expect(page.getByTestId(ready).first()).toBeVisible();
}

async function tab(page: Page, testId: string, ready: Locator) {
  await page.getByTestId(testId).click();
  await expect(ready.first()).toBeVisible();
}

/** Mantine puts the test id on the dialog's root, which has no box of its own: wait for the dialog itself. */
async function openDialog(page: Page, trigger: Locator, testId?: string) {
  await trigger.click();
  await expect(dialog(page)).toBeVisible();
  if (testId) await expect(page.getByTestId(testId)).toBeAttached();
}

const signInPanel = (page: Page) => page.getByTestId('sign-in-panel');
const passwordField = (page: Page) => signInPanel(page).locator('input[type="password"]');

const connectScreens: Screen[] = [
  {
    name: 'connect: profile list',
    open: async (page) => {
      await expect(page.getByTestId(`profile-${LOCAL_PROFILE}`)).toBeVisible();
    },
  },
  {
    name: 'connect: new profile dialog with errors',
    open: async (page) => {
      await openDialog(page, page.getByTestId('add-profile'));
      const form = dialog(page);
      await form.locator('button[type="submit"]').click();
      await expect(form.locator('[aria-invalid="true"]').first()).toBeVisible();
    },
    leave: closeWithEscape,
  },
  {
    name: 'sign-in',
    open: async (page) => {
      const connect = page.getByTestId(`profile-${LOCAL_PROFILE}`).locator('button').last();
      // The embedded portal may still be starting beside the console: Connect waits for it.
      await expect(connect).toBeEnabled({ timeout: 90_000 });
      await connect.click();
      await expect(passwordField(page)).toBeVisible();
    },
  },
  {
    name: 'sign-in: wrong password',
    open: async (page) => {
      const panel = signInPanel(page);
      await panel.locator('input:not([type="password"]):not([type="checkbox"])').first().fill(DEMO_ADMIN.login);
      await passwordField(page).fill('not-the-password');
      await passwordField(page).press('Enter');
      await expect(panel.getByTestId('error-alert')).toBeVisible();
    },
  },
];

const shellScreens: Screen[] = [
  { name: 'overview', open: (page) => area(page, 'overview', 'overview-portal') },
  {
    name: 'user menu',
    open: async (page) => {
      await page.getByTestId('user-menu').click();
      await expect(page.getByRole('menu')).toBeVisible();
    },
    leave: async (page) => {
      await page.keyboard.press('Escape');
      await expect(page.getByRole('menu')).toHaveCount(0);
    },
  },
  {
    name: 'change password dialog',
    open: async (page) => {
      await page.getByTestId('user-menu').click();
      await openDialog(page, page.getByRole('menuitem').first(), 'change-password-dialog');
    },
    leave: closeWithEscape,
  },
  { name: 'users: list', open: (page) => area(page, 'users', 'user-row') },
  {
    name: 'users: new user form with errors',
    open: async (page) => {
      await openDialog(page, page.getByTestId('create-user'), 'user-form');
      await page.getByTestId('user-form-submit').click();
      await expect(page.getByTestId('user-form').locator('[aria-invalid="true"]').first()).toBeVisible();
    },
    leave: closeWithEscape,
  },
  { name: 'users: import dialog', open: (page) => openDialog(page, page.getByTestId('import-users'), 'import-dialog'), leave: closeWithEscape },
  {
    name: 'users: selection bar',
    open: async (page) => {
      await page.getByTestId('select-all-users').click();
      await expect(page.getByTestId('selection-bar')).toBeVisible();
    },
    leave: async (page) => {
      await page.getByTestId('select-all-users').click();
      await expect(page.getByTestId('selection-bar')).toBeHidden();
    },
  },
  { name: 'users: user detail', open: (page) => openDialog(page, page.getByTestId('user-row').first(), 'user-detail'), leave: closeWithEscape },
  { name: 'users: invitations', open: (page) => tab(page, 'users-tab-invitations', page.getByTestId('invitations-page')) },
  { name: 'users: security policy', open: (page) => tab(page, 'users-tab-policy', page.getByTestId('security-policy')) },
  { name: 'rights: groups, roles, lists', open: (page) => area(page, 'rights', 'principal-total') },
  {
    name: 'rights: principal detail',
    open: async (page) => {
      await page.locator('[data-testid^="principal-row-"]').first().click();
      await expect(page.getByTestId('principal-detail')).toBeVisible();
    },
  },
  { name: 'rights: new principal dialog', open: (page) => openDialog(page, page.getByTestId('new-principal'), 'create-principal'), leave: closeWithEscape },
  { name: 'rights: application rights', open: (page) => tab(page, 'rights-tab-applications', page.locator('[data-testid^="application-"]')) },
  {
    name: 'rights: application rights editor',
    open: async (page) => {
      await page.locator('[data-testid^="application-"]').first().click();
      await expect(page.getByTestId('rights-editor')).toBeVisible();
    },
  },
  { name: 'rights: function permissions', open: (page) => tab(page, 'rights-tab-functions', page.getByTestId('function-matrix')) },
  { name: 'rights: org structure', open: (page) => tab(page, 'rights-tab-org', page.getByTestId('org-tree')) },
  { name: 'rights: new org unit dialog', open: (page) => openDialog(page, page.getByTestId('org-new'), 'org-unit-form'), leave: closeWithEscape },
  { name: 'rights: explain', open: (page) => tab(page, 'rights-tab-explain', page.getByTestId('explain-application')) },
  { name: 'rights: compare', open: (page) => tab(page, 'rights-tab-compare', page.locator('[data-testid="rights-tab-compare"][aria-selected="true"]')) },
  { name: 'applications: list', open: (page) => area(page, 'applications', 'application-list') },
  {
    name: 'applications: new application dialog',
    open: (page) => openDialog(page, page.getByTestId('create-application'), 'create-application-dialog'),
  },
  {
    name: 'applications: designer with content and a problem',
    open: async (page) => {
      const create = page.getByTestId('create-application-dialog');
      await create.locator('input').first().fill(`A11y ${Date.now()}`);
      await create.locator('button[type="submit"]').click();
      await expect(page.getByTestId('designer')).toBeVisible();
      await page.getByTestId('add-data-group').click();
      await page.getByTestId('prop-group-name').fill('Reisen');
      await page.getByTestId('add-field-Reisen').click();
      await page.getByTestId('prop-field-name').fill('Reiseziel');
      await page.getByTestId('add-page').click();
      await page.getByTestId('palette-textfield').click();
      await page.getByTestId('palette-checkbox').click();
      await expect(page.locator('[data-testid^="canvas-control-"]')).toHaveCount(2);
      await expect(page.getByTestId('issues-panel').getByTestId('issue-list').first()).toBeVisible();
    },
  },
  {
    name: 'applications: preview',
    open: async (page) => {
      await page.getByTestId('mode-switch').locator('label').nth(1).click();
      await expect(page.getByTestId('page-preview')).toBeVisible();
    },
    leave: async (page) => {
      await page.getByTestId('mode-switch').locator('label').nth(0).click();
      await expect(page.getByTestId('designer-canvas')).toBeVisible();
    },
  },
  { name: 'applications: history', open: (page) => openDialog(page, page.getByTestId('open-history'), 'history-drawer'), leave: closeWithEscape },
  { name: 'layouts: list', open: (page) => area(page, 'layouts', 'layout-Standard') },
  { name: 'layouts: new layout dialog', open: (page) => openDialog(page, page.getByTestId('create-layout'), 'create-layout-dialog'), leave: closeWithEscape },
  {
    name: 'layouts: editor with a failing contrast',
    open: async (page) => {
      await page.getByTestId('layout-Standard').getByRole('button').last().click();
      await expect(page.getByTestId('layout-editor')).toBeVisible();
      await page.getByTestId('layout-primary').fill('#ffd43b');
      await expect(page.getByTestId('contrast-primary')).toHaveAttribute('data-verdict', 'fail');
    },
  },
  { name: 'updates: releases', open: (page) => area(page, 'updates', 'track-card') },
  {
    name: 'updates: defer dialog',
    open: (page, language) =>
      openDialog(page, page.getByTestId('release-13.0.0').getByRole('button', { name: words[language].defer }), 'defer-dialog'),
    leave: closeWithEscape,
  },
  { name: 'updates: track dialog', open: (page) => openDialog(page, page.getByTestId('track-card').getByRole('button'), 'track-dialog'), leave: closeWithEscape },
  {
    name: 'updates: calendar',
    open: async (page) => {
      await page.getByRole('tab').nth(1).click();
      await expect(page.getByTestId('calendar-table')).toBeVisible();
    },
  },
  {
    name: 'updates: history',
    open: async (page) => {
      await page.getByRole('tab').nth(2).click();
      await expect(page.getByTestId('history-table')).toBeVisible();
    },
  },
  { name: 'support: tickets', open: (page) => area(page, 'support', 'ticket-table') },
  {
    name: 'support: new ticket with problems',
    open: async (page) => {
      await page.getByTestId('new-ticket').click();
      await expect(page.getByTestId('severity-choice')).toBeVisible();
      await page.getByTestId('send-ticket').click();
      await expect(page.locator('[data-testid^="issue-"]').first()).toBeVisible();
    },
  },
  { name: 'diagnostics: health', open: (page) => area(page, 'diagnostics', 'health-overall') },
  { name: 'diagnostics: sessions', open: (page) => tab(page, 'diagnostics-tab-sessions', page.getByTestId('session-row')) },
  {
    name: 'diagnostics: end session dialog',
    open: (page) => openDialog(page, page.getByTestId('session-row').first().getByRole('button'), 'revoke-dialog'),
    leave: closeWithEscape,
  },
  { name: 'diagnostics: backups', open: (page) => tab(page, 'diagnostics-tab-backups', page.getByTestId('backups-table')) },
  { name: 'diagnostics: audit trail', open: (page) => tab(page, 'diagnostics-tab-audit', page.getByTestId('audit-row')) },
  { name: 'diagnostics: audit entry', open: (page) => openDialog(page, page.getByTestId('audit-row').first(), 'audit-details'), leave: closeWithEscape },
  {
    name: 'diagnostics: server log with an open row',
    open: async (page) => {
      await tab(page, 'diagnostics-tab-logs', page.getByTestId('log-row'));
      await page.getByTestId('log-row').first().click();
      await expect(page.getByTestId('log-context').first()).toBeVisible();
    },
  },
];

const AXE_TIMEOUT_MS = 60_000;

/**
 * axe over the page. The layout preview is excluded: it shows the customer's layout (whose contrast the
 * designer checks and reports itself), in a sandboxed frame axe cannot run in (it waits forever).
 */
function axe(page: Page): AxeBuilder {
  return new AxeBuilder({ page }).withTags(TAGS).exclude('[data-testid="layout-preview"]');
}

async function withTimeout<T>(work: Promise<T>, ms: number): Promise<T | null> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), ms)));
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function describeViolations(screen: string, violations: Awaited<ReturnType<AxeBuilder['analyze']>>['violations']): string[] {
  return violations
    .filter((violation) => BLOCKING.has(violation.impact ?? ''))
    .map((violation) => {
      const nodes = violation.nodes
        .slice(0, 5)
        .map((node) => `      ${node.target.join(' ')}\n        ${node.failureSummary?.split('\n').slice(1).join('; ') ?? ''}`)
        .join('\n');
      const more = violation.nodes.length > 5 ? `\n      … and ${violation.nodes.length - 5} more` : '';
      return `${screen}: [${violation.impact}] ${violation.id}: ${violation.help} (${violation.nodes.length})\n${nodes}${more}`;
    });
}

async function scan(page: Page, language: Language, screen: Screen, found: string[]) {
  await test.step(screen.name, async () => {
    const started = Date.now();
    if (process.env.A11Y_TRACE) console.log(`${language} ${screen.name} …`);
    try {
      await screen.open(page, language);
    } catch (error) {
      // Reported with the violations; the next screens still run (and say so if this one left a mess).
      found.push(`[${language}] ${screen.name}: could not be opened: ${String(error).split('\n').slice(0, 6).join(' ')}`);
      await page.keyboard.press('Escape');
      return;
    }
    // Let transitions end: a half-faded dialog would fail colour contrast for no real reason.
    await page.waitForTimeout(250);
    if (process.env.A11Y_TRACE) console.log(`${language} ${screen.name}: opened, axe …`);
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/${language}-${screen.name.replace(/[^a-z0-9]+/gi, '-')}.png` });
    const result = await withTimeout(axe(page).analyze(), AXE_TIMEOUT_MS);
    if (result === null) found.push(`[${language}] ${screen.name}: axe did not finish in ${AXE_TIMEOUT_MS / 1000} s`);
    else found.push(...describeViolations(`[${language}] ${screen.name}`, result.violations));
    await screen.leave?.(page);
    if (process.env.A11Y_TRACE) console.log(`${language} ${screen.name}: ${Date.now() - started} ms`);
  });
}

for (const language of ['en', 'de'] as const) {
  test(`no critical or serious axe violations on any screen (${language})`, async ({ browser }) => {
    test.setTimeout(600_000);
    const context = await browser.newContext({ reducedMotion: 'reduce' });
    const page = await context.newPage();
    const runtimeErrors = recordRuntimeErrors(page);
    const running = await openConsole(page);
    try {
      if (language === 'de') await page.getByTestId('language-switcher').getByText(words.de.switchLanguage, { exact: true }).click();
      await expect(page.locator('html')).toHaveAttribute('lang', language);
      const found: string[] = [];
      for (const screen of connectScreens) await scan(page, language, screen, found);
      await passwordField(page).fill(DEMO_ADMIN.password);
      await passwordField(page).press('Enter');
      await expect(page.getByTestId('portal-name')).toBeVisible();
      await expect(heading(page)).toBeVisible();
      for (const screen of shellScreens) await scan(page, language, screen, found);
      if (found.length > 0) console.log(found.join('\n\n'));
      expect(found, found.join('\n\n')).toEqual([]);
      // Every screen, dialog and error state above, walked as a person would: nothing broke behind them either.
      expect(runtimeErrors.filter((error) => !AXE_IN_SANDBOXED_PREVIEW.test(error))).toEqual([]);
    } finally {
      await context.close();
      await running.stop();
    }
  });
}

test('keyboard: skip link, focus on the page heading after choosing an area, focus back on the trigger after a dialog', async ({ page }) => {
  const running = await openConsole(page);
  try {
    await expect(page.getByTestId(`profile-${LOCAL_PROFILE}`).locator('button').last()).toBeEnabled({ timeout: 90_000 });
    await signIn(page);
    await expect(page.getByTestId('portal-name')).toBeVisible();
    // The skip link is the first Tab stop of a freshly loaded shell and lands on the page heading.
    await page.reload();
    await expect(page.getByTestId('overview-portal')).toBeVisible();
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Skip to content' });
    await expect(skip).toBeFocused();
    await expect(skip).toBeInViewport();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('main').getByRole('heading', { level: 1 })).toBeFocused();

    // Choosing an area with Enter: the next Tab starts in the page, not in the navigation.
    await page.getByTestId('nav-users').focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { name: 'Users', level: 1 })).toBeFocused();

    // The search field shows focus with a 2px ring, not only a border colour.
    await page.getByTestId('user-search').focus();
    await expect(page.getByTestId('user-search')).toHaveCSS('outline-style', 'solid');
    await expect(page.getByTestId('user-search')).toHaveCSS('outline-width', '2px');

    // A dialog opened from a button gives focus back to it when it closes.
    await page.getByTestId('create-user').focus();
    await page.keyboard.press('Enter');
    await expect(dialog(page)).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(dialog(page)).toHaveCount(0);
    await expect(page.getByTestId('create-user')).toBeFocused();

    // The nav focus ring stays inside the navbar (drawn inside the entry, so the scroll area cannot cut it).
    await page.getByTestId('nav-rights').focus();
    await expect(page.getByTestId('nav-rights')).toHaveCSS('outline-offset', '-2px');

    // Virtual tables say how many rows they have and where each row sits.
    await expect(page.getByTestId('user-table')).toHaveAttribute('aria-rowcount', '51');
    await expect(page.getByTestId('user-row').first()).toHaveAttribute('aria-rowindex', '2');
    await page.getByTestId('nav-diagnostics').click();
    await page.getByTestId('diagnostics-tab-audit').click();
    await expect(page.getByTestId('audit-table')).toHaveAttribute('aria-rowcount', /^(-1|\d+)$/);
    await expect(page.getByTestId('audit-row').first()).toHaveAttribute('aria-rowindex', '2');
    await page.getByTestId('diagnostics-tab-logs').click();
    await expect(page.getByTestId('log-table')).toHaveAttribute('aria-rowcount', /^(-1|\d+)$/);
    await expect(page.getByTestId('log-row').first()).toHaveAttribute('aria-rowindex', '2');
    await page.getByTestId('nav-support').click();
    await expect(page.getByTestId('ticket-table')).toHaveAttribute('aria-rowcount', /^(-1|\d+)$/);
  } finally {
    await running.stop();
  }
});
