// @vitest-environment jsdom
import '../../../test/setup-dom';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CallResult } from '../../../../../common/contract';
import type { DataImpactEntry } from '../../../../../common/domain/application-data-impact';
import { setConsoleTransport } from '../../../lib/console-client';
import { i18n } from '../../../lib/i18n';
import { renderWithProviders } from '../../../test/render';
import { usePublish } from '../api';
import { useDesignerStore } from './designer-store';
import { PublishDialog } from './PublishDialog';
import { APP_ID, ids, v1, v2 } from './version-fixtures';

const ok = (value: unknown): CallResult => ({ ok: true, value });
const published = (version: number, definition = v1) => ({
  applicationId: APP_ID,
  applicationName: 'CRM',
  version,
  publishedAt: '2027-06-01T08:00:00.000Z',
  publishedBy: 'admin',
  comment: '',
  definition,
});

const dataImpact: DataImpactEntry[] = [
  { kind: 'fieldDropped', dataGroupId: ids.GROUP, dataGroupName: 'Kunden', fieldId: ids.NOTES, fieldName: 'Notizen', type: 'longText', records: 1 },
  { kind: 'fieldRetyped', dataGroupId: ids.GROUP, dataGroupName: 'Kunden', fieldId: ids.SIZE, fieldName: 'Größe', from: 'text', to: 'integer', converts: 'some', records: 30, cleared: 7 },
];

/** v1 is published; publishing v2 is refused until the data loss is confirmed. */
function fakePortal() {
  const publishes: Record<string, unknown>[] = [];
  setConsoleTransport({
    call: async (channel, request) => {
      const body = request as Record<string, unknown>;
      if (channel === 'applications:definition') return ok({ etag: '"def.v1"', value: published(1) });
      if (channel === 'applications:publish') {
        publishes.push(body);
        if (!body.confirmDataLoss) {
          return { ok: false, error: { code: 'CONFLICT', message: 'data would be lost', details: { status: 409, problemCode: 'data_loss_unconfirmed', dataImpact } } };
        }
        return ok({ etag: '"def.v2"', value: { ...published(2, v2), dataChanges: { recordsDeleted: 0, valuesRemoved: 1, valuesConverted: 23, valuesCleared: 7 } } });
      }
      return { ok: false, error: { code: 'INTERNAL', message: `unexpected ${channel}` } };
    },
  });
  return publishes;
}

/** The dialog wired to the publish mutation as the designer page wires it. */
function Harness({ onPublished }: { onPublished: () => void }) {
  const publish = usePublish();
  return (
    <PublishDialog
      nextVersion={2}
      busy={publish.isPending}
      error={publish.error}
      onPublish={(comment, confirmDataLoss) =>
        publish.mutate(
          { applicationId: APP_ID, definition: useDesignerStore.getState().definition, comment, ifMatch: '"def.v1"', confirmDataLoss },
          { onSuccess: onPublished },
        )
      }
      onClose={() => undefined}
    />
  );
}

describe('PublishDialog', () => {
  beforeAll(async () => {
    await i18n.changeLanguage('en');
  });
  beforeEach(() => {
    const store = useDesignerStore.getState();
    store.open(APP_ID, v1, { etag: '"def.v1"', version: 1 }, null);
    store.replace(v2);
  });

  it('shows what changes against the published version, the full list on demand', async () => {
    fakePortal();
    renderWithProviders(<Harness onPublished={() => undefined} />);
    const changes = await screen.findByTestId('publish-changes');
    expect(within(changes).getByText('6 changes from Version 1 to Current draft')).toBeTruthy();
    expect(within(changes).getByTestId('publish-summary-field').textContent).toBe('Fields: 1 added, 1 removed, 2 changed');
    expect(screen.queryByTestId('version-diff')).toBeNull();
    fireEvent.click(within(changes).getByTestId('publish-show-changes'));
    expect(within(await screen.findByTestId('version-diff')).getByTestId(`diff-field-removed-${ids.NOTES}`)).toBeTruthy();
  });

  it('says what happens to the data when the portal asks, and publishes again only with the confirmation', async () => {
    const publishes = fakePortal();
    let done = false;
    renderWithProviders(<Harness onPublished={() => (done = true)} />);
    fireEvent.change(await screen.findByLabelText('What changed? (for the version list)'), { target: { value: 'Telefon statt Notizen' } });
    fireEvent.click(screen.getByTestId('publish-confirm'));

    const loss = await screen.findByTestId('data-loss');
    expect(within(loss).getByText(/This version removes or retypes parts that hold data/)).toBeTruthy();
    expect(within(loss).getByTestId('data-loss-fieldDropped').textContent).toBe('Field Notizen of Kunden is removed: its value in 1 record is deleted.');
    expect(within(loss).getByTestId('data-loss-fieldRetyped').textContent).toMatch(/^Field Größe of Kunden changes from Text to .+: of 30 values, 7 cannot be converted and are cleared; the others are converted\.$/);
    expect(publishes).toHaveLength(1);
    expect(publishes[0]).toMatchObject({ confirmDataLoss: false });
    expect(done).toBe(false);
    expect(screen.queryByTestId('publish-confirm')).toBeNull();

    fireEvent.click(screen.getByTestId('publish-confirm-data-loss'));
    await waitFor(() => expect(done).toBe(true));
    expect(publishes).toHaveLength(2);
    expect(publishes[1]).toMatchObject({ confirmDataLoss: true, comment: 'Telefon statt Notizen' });
  });

  it('shows any other refusal as an error, without the data-loss confirmation', async () => {
    setConsoleTransport({
      call: async (channel) =>
        channel === 'applications:definition'
          ? ok({ etag: '"def.v1"', value: published(1) })
          : { ok: false, error: { code: 'CONFLICT', message: 'name taken', details: { status: 409, problemCode: 'duplicate_name' } } },
    });
    renderWithProviders(<Harness onPublished={() => undefined} />);
    fireEvent.click(await screen.findByTestId('publish-confirm'));
    await waitFor(() => expect(screen.getByRole('alert')).toBeTruthy());
    expect(screen.queryByTestId('data-loss')).toBeNull();
    expect(screen.getByTestId('publish-confirm')).toBeTruthy();
  });
});
