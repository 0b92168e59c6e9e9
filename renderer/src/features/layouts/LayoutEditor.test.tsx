// @vitest-environment jsdom
import '../../test/setup-dom';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CallResult } from '../../../../common/contract';
import { newControlDefinition, newDataGroupDefinition, newFieldDefinition } from '../../../../common/domain/application-definition';
import type { LayoutContent } from '../../../../common/domain/layout-rules';
import { setConsoleTransport } from '../../lib/console-client';
import { i18n } from '../../lib/i18n';
import { renderWithProviders } from '../../test/render';
import { contrastFailures } from './contrast-failures';
import { LayoutEditorPage } from './LayoutEditor';

const LAYOUT_ID = '00000000-0000-4000-8000-0000000000a1';
const APP_ID = '00000000-0000-4000-8000-0000000000e1';
const crm = {
  applicationId: APP_ID,
  applicationName: 'CRM',
  version: 1,
  publishedAt: '2027-06-01T08:00:00.000Z',
  publishedBy: 'admin',
  comment: '',
  definition: {
    dataGroups: [newDataGroupDefinition({ id: 'g1', name: 'Kunden', tableName: 'kunden', fields: [newFieldDefinition({ id: 'f1', name: 'Name', type: 'text' })] })],
    pages: [
      { id: 'p1', title: 'Kundenliste', dataGroupId: 'g1', controls: [newControlDefinition({ id: 'c1', kind: 'button', label: 'Neuer Kunde', fieldId: null, x: 0, y: 0, w: 3 })] },
      { id: 'p2', title: 'Kunde bearbeiten', dataGroupId: 'g1', controls: [newControlDefinition({ id: 'c2', kind: 'textfield', label: 'Firmenname', fieldId: 'f1', x: 0, y: 0, w: 6 })] },
    ],
  },
};
const ok = (value: unknown): CallResult => ({ ok: true, value });

beforeAll(async () => {
  await i18n.changeLanguage('en');
});

function layoutOnPortal(content: Partial<LayoutContent> = {}) {
  return {
    etag: `"layout.${LAYOUT_ID}.v3"`,
    value: {
      id: LAYOUT_ID,
      name: 'Intranet',
      primaryColor: '#0b5394',
      accentColor: '#1864ab',
      logo: null,
      customCss: '',
      updatedAt: '2027-06-02T08:00:00.000Z',
      updatedBy: 'admin',
      ...content,
    },
  };
}

/** The portal has the layout; the draft on disk holds `draft` (so Save is enabled at once). */
function fakeConsole(draft: Partial<LayoutContent>) {
  const calls: { channel: string; request: unknown }[] = [];
  const portal = layoutOnPortal();
  setConsoleTransport({
    call: async (channel, request) => {
      calls.push({ channel, request });
      switch (channel) {
        case 'layouts:get':
          return ok(portal);
        case 'drafts:get':
          return ok({
            kind: 'layout',
            id: LAYOUT_ID,
            baseEtag: portal.etag,
            baseVersion: 3,
            savedAt: '2027-06-02T08:05:00.000Z',
            content: { name: 'Intranet', primaryColor: '#0b5394', accentColor: '#1864ab', logo: null, customCss: '', ...draft },
          });
        case 'applications:list':
          return ok({ items: [{ id: APP_ID, name: 'CRM', description: '', publishedVersion: 1, publishedAt: '2027-06-01T08:00:00.000Z', publishedBy: 'admin' }], nextCursor: null });
        case 'applications:definition':
          return ok({ etag: '"def.v1"', value: crm });
        case 'layouts:save':
          return ok(layoutOnPortal((request as { layout: LayoutContent }).layout));
        default:
          return ok([]);
      }
    },
  });
  return calls;
}

const saves = (calls: { channel: string; request: unknown }[]) => calls.filter((call) => call.channel === 'layouts:save');

describe('contrastFailures', () => {
  it('names each pair below 4.5:1 with its ratio, large-text-only pairs included', () => {
    // #ffeb3b with white text: 1.2:1; #3d7ebf as links on white: 4.31:1 (AA for large text only).
    expect(contrastFailures({ primaryColor: '#ffeb3b', accentColor: '#3d7ebf' })).toEqual([
      { pair: 'onPrimary', foreground: '#ffffff', background: '#ffeb3b', ratio: expect.stringMatching(/^1\.\d\d:1$/) },
      { pair: 'accentOnWhite', foreground: '#3d7ebf', background: '#ffffff', ratio: expect.stringMatching(/^4\.\d\d:1$/) },
    ]);
    expect(contrastFailures({ primaryColor: '#0b5394', accentColor: '#1864ab' })).toEqual([]);
    // A half-typed colour is a validation issue, not a contrast failure.
    expect(contrastFailures({ primaryColor: '#ff', accentColor: '#1864ab' })).toEqual([]);
  });
});

describe('saving a layout whose colours fail WCAG AA', () => {
  it('asks first, names the failing pairs, and saves nothing when the administrator goes back to the colours', async () => {
    const calls = fakeConsole({ primaryColor: '#ffeb3b' });
    renderWithProviders(<LayoutEditorPage layoutId={LAYOUT_ID} />);
    fireEvent.click(await screen.findByTestId('save-layout'));
    const dialog = await screen.findByTestId('contrast-confirm');
    expect(within(dialog).getByText('One colour pair fails WCAG AA')).toBeTruthy();
    expect(within(dialog).getByTestId('contrast-failure-onPrimary').textContent).toMatch(/White text on the primary colour #ffeb3b .*contrast 1\.\d\d:1, AA needs 4\.5:1/);
    expect(within(dialog).queryByTestId('contrast-failure-accentOnWhite')).toBeNull();
    fireEvent.click(within(dialog).getByTestId('contrast-confirm-cancel'));
    await waitFor(() => expect(screen.queryByTestId('contrast-confirm')).toBeNull());
    expect(saves(calls)).toHaveLength(0);
  });

  it('saves after the confirmation, with both pairs named', async () => {
    const calls = fakeConsole({ primaryColor: '#ffeb3b', accentColor: '#3d7ebf' });
    renderWithProviders(<LayoutEditorPage layoutId={LAYOUT_ID} />);
    fireEvent.click(await screen.findByTestId('save-layout'));
    const dialog = await screen.findByTestId('contrast-confirm');
    expect(within(dialog).getByText('2 colour pairs fail WCAG AA')).toBeTruthy();
    expect(within(dialog).getByTestId('contrast-failure-accentOnWhite').textContent).toMatch(/accent colour #3d7ebf .*contrast 4\.\d\d:1/);
    expect(saves(calls)).toHaveLength(0);
    fireEvent.click(within(dialog).getByTestId('contrast-confirm-save'));
    await waitFor(() => expect(saves(calls)).toHaveLength(1));
    expect(saves(calls)[0]!.request).toMatchObject({ layout: { primaryColor: '#ffeb3b', accentColor: '#3d7ebf' } });
  });

  it('saves at once when every pair passes', async () => {
    const calls = fakeConsole({ name: 'Intranet neu' });
    renderWithProviders(<LayoutEditorPage layoutId={LAYOUT_ID} />);
    fireEvent.click(await screen.findByTestId('save-layout'));
    await waitFor(() => expect(saves(calls)).toHaveLength(1));
    expect(screen.queryByTestId('contrast-confirm')).toBeNull();
  });
});

describe('the preview with a real application', () => {
  it("shows the published pages of a picked application in the layout's colours", async () => {
    fakeConsole({ primaryColor: '#7b2d26' });
    renderWithProviders(<LayoutEditorPage layoutId={LAYOUT_ID} />);
    const frame = () => screen.getByTestId('layout-preview') as HTMLIFrameElement;
    expect((await screen.findByTestId('layout-preview')).getAttribute('srcdoc')).toContain('portal-card');
    fireEvent.click(screen.getByText('Application page'));
    fireEvent.click(await screen.findByTestId('layout-preview-application'));
    fireEvent.click(await screen.findByRole('option', { name: 'CRM' }));
    await waitFor(() => expect(frame().getAttribute('srcdoc')).toContain('<h1>Kundenliste</h1>'));
    expect(frame().getAttribute('srcdoc')).toContain('--portal-primary: #7b2d26');
    expect(frame().getAttribute('srcdoc')).toContain('>Neuer Kunde</button>');
    expect(frame().getAttribute('title')).toBe('The application page Kundenliste with this layout');
    expect(frame().getAttribute('sandbox')).toBe('');

    fireEvent.click(screen.getByTestId('layout-preview-page'));
    fireEvent.click(await screen.findByRole('option', { name: 'Kunde bearbeiten' }));
    await waitFor(() => expect(frame().getAttribute('srcdoc')).toContain('<h1>Kunde bearbeiten</h1>'));
    expect(frame().getAttribute('srcdoc')).toContain('Firmenname');
  });
});
