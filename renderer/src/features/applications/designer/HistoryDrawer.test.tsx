// @vitest-environment jsdom
import '../../../test/setup-dom';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CallResult } from '../../../../../common/contract';
import type { DataImpactEntry } from '../../../../../common/domain/application-data-impact';
import type { ApplicationDefinition } from '../../../../../common/domain/application-definition';
import { setConsoleTransport } from '../../../lib/console-client';
import { i18n } from '../../../lib/i18n';
import { renderWithProviders } from '../../../test/render';
import { useDesignerStore } from './designer-store';
import { HistoryDrawer } from './HistoryDrawer';
import { APP_ID, ids, v1, v2 } from './version-fixtures';

const ok = (value: unknown): CallResult => ({ ok: true, value });
const counts = (definition: ApplicationDefinition) => ({
  dataGroups: definition.dataGroups.length,
  fields: definition.dataGroups.reduce((sum, group) => sum + group.fields.length, 0),
  pages: definition.pages.length,
  controls: definition.pages.reduce((sum, page) => sum + page.controls.length, 0),
});
const summary = (version: number, definition: ApplicationDefinition) => ({
  version,
  publishedAt: `2027-06-0${version}T08:00:00.000Z`,
  publishedBy: 'admin',
  comment: '',
  counts: counts(definition),
});
const doc = (version: number, definition: ApplicationDefinition) => ({
  applicationId: APP_ID,
  applicationName: 'CRM',
  version,
  publishedAt: `2027-06-0${version}T08:00:00.000Z`,
  publishedBy: 'admin',
  comment: '',
  definition,
});

const dataImpact: DataImpactEntry[] = [
  { kind: 'fieldRetyped', dataGroupId: ids.GROUP, dataGroupName: 'Kunden', fieldId: ids.SIZE, fieldName: 'Größe', from: 'integer', to: 'text', converts: 'always', records: 40, cleared: 0 },
  { kind: 'fieldDropped', dataGroupId: ids.GROUP, dataGroupName: 'Kunden', fieldId: ids.PHONE, fieldName: 'Telefon', type: 'text', records: 12 },
];

/** The portal with v1 and v2 published; a rollback is refused until the data loss is confirmed. */
function fakePortal() {
  const calls: { channel: string; request: Record<string, unknown> }[] = [];
  setConsoleTransport({
    call: async (channel, request) => {
      const body = request as Record<string, unknown>;
      calls.push({ channel, request: body });
      switch (channel) {
        case 'applications:versions':
          return ok({ items: [summary(2, v2), summary(1, v1)], nextCursor: null });
        case 'applications:version':
          return ok({ ...summary(body.version as number, body.version === 1 ? v1 : v2), definition: body.version === 1 ? v1 : v2 });
        case 'applications:definition':
          return ok({ etag: '"def.v2"', value: doc(2, v2) });
        case 'applications:rollback':
          if (!body.confirmDataLoss) {
            return { ok: false, error: { code: 'CONFLICT', message: 'data would be lost', details: { status: 409, problemCode: 'data_loss_unconfirmed', dataImpact } } };
          }
          return ok({ etag: '"def.v3"', value: { ...doc(3, v1), dataChanges: { recordsDeleted: 0, valuesRemoved: 12, valuesConverted: 40, valuesCleared: 0 } } });
        case 'drafts:discard':
          return ok({ ok: true });
        default:
          return { ok: false, error: { code: 'INTERNAL', message: `unexpected ${channel}` } };
      }
    },
  });
  return calls;
}

describe('HistoryDrawer', () => {
  beforeAll(async () => {
    await i18n.changeLanguage('en');
  });
  beforeEach(() => {
    useDesignerStore.getState().open(APP_ID, v2, { etag: '"def.v2"', version: 2 }, null);
  });

  it('pluralises each count of a version on its own', async () => {
    fakePortal();
    renderWithProviders(<HistoryDrawer applicationId={APP_ID} opened onClose={() => undefined} onLoad={() => undefined} />);
    expect((await screen.findByTestId('version-1-counts')).textContent).toBe('1 data group, 3 fields, 1 page, 1 control');
    expect(screen.getByTestId('version-2-counts').textContent).toBe('1 data group, 3 fields, 2 pages, 1 control');
  });

  it("shows a version's changes against the one before, and any two versions on request", async () => {
    fakePortal();
    renderWithProviders(<HistoryDrawer applicationId={APP_ID} opened onClose={() => undefined} onLoad={() => undefined} />);
    fireEvent.click(await screen.findByTestId('version-2-changes'));
    const dialog = await screen.findByTestId('version-compare');
    expect(await within(dialog).findByText('6 changes from Version 1 to Version 2')).toBeTruthy();
    // The other way round: v2 back to v1.
    fireEvent.click(within(dialog).getByTestId('compare-before'));
    fireEvent.click(await screen.findByRole('option', { name: 'Version 2' }));
    fireEvent.click(within(dialog).getByTestId('compare-after'));
    fireEvent.click(await screen.findByRole('option', { name: 'Version 1' }));
    expect(await within(dialog).findByText('6 changes from Version 2 to Version 1')).toBeTruthy();
    expect(within(dialog).getByTestId(`diff-field-added-${ids.NOTES}`)).toBeTruthy();
  });

  it('rolls back after a confirmation naming the version; says what happens to the data first, then the designer shows the new version', async () => {
    const calls = fakePortal();
    useDesignerStore.getState().edit((definition) => ({ ...definition, pages: definition.pages.slice(0, 1) }));
    let closed = false;
    renderWithProviders(<HistoryDrawer applicationId={APP_ID} opened onClose={() => (closed = true)} onLoad={() => undefined} />);
    expect(screen.queryByTestId('version-2-rollback')).toBeNull(); // the current version
    fireEvent.click(await screen.findByTestId('version-1-rollback'));
    const dialog = await screen.findByTestId('rollback-dialog');
    expect(within(dialog).getByText('Roll back to version 1?')).toBeTruthy();
    expect(await within(dialog).findByText(/publishes the content of version 1 again as version 3/)).toBeTruthy();
    expect(within(dialog).getByTestId('rollback-draft-warning')).toBeTruthy();
    fireEvent.click(within(dialog).getByTestId('rollback-confirm'));

    const loss = await within(dialog).findByTestId('data-loss');
    expect(within(loss).getByTestId('data-loss-fieldDropped').textContent).toBe('Field Telefon of Kunden is removed: its values in 12 records are deleted.');
    expect(within(loss).getByTestId('data-loss-fieldRetyped').textContent).toMatch(/^Field Größe of Kunden changes from .+ to Text: the values in 40 records are converted\.$/);
    const rollbacks = () => calls.filter((call) => call.channel === 'applications:rollback');
    expect(rollbacks()).toHaveLength(1);
    expect(rollbacks()[0]!.request).toMatchObject({ applicationId: APP_ID, version: 1, ifMatch: '"def.v2"', confirmDataLoss: false });
    expect(useDesignerStore.getState().base).toEqual({ etag: '"def.v2"', version: 2 });

    fireEvent.click(within(dialog).getByTestId('rollback-confirm-data-loss'));
    await waitFor(() => expect(useDesignerStore.getState().base).toEqual({ etag: '"def.v3"', version: 3 }));
    expect(rollbacks()[1]!.request).toMatchObject({ version: 1, confirmDataLoss: true });
    expect(useDesignerStore.getState().definition).toEqual(v1);
    expect(useDesignerStore.getState().hasDraft).toBe(false);
    expect(calls.some((call) => call.channel === 'drafts:discard')).toBe(true);
    expect(closed).toBe(true);
  });

  it('changes nothing when the rollback is cancelled', async () => {
    const calls = fakePortal();
    renderWithProviders(<HistoryDrawer applicationId={APP_ID} opened onClose={() => undefined} onLoad={() => undefined} />);
    fireEvent.click(await screen.findByTestId('version-1-rollback'));
    const dialog = await screen.findByTestId('rollback-dialog');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByTestId('rollback-dialog')).toBeNull());
    expect(calls.some((call) => call.channel === 'applications:rollback')).toBe(false);
    expect(useDesignerStore.getState().definition).toEqual(v2);
  });
});
