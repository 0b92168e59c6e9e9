// @vitest-environment jsdom
import '../../../test/setup-dom';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CallResult } from '../../../../../common/contract';
import { newControlDefinition, newDataGroupDefinition, newFieldDefinition } from '../../../../../common/domain/application-definition';
import { buildApplicationFile, serializeApplicationFile } from '../../../../../common/domain/application-file';
import type { ApplicationImportPreview } from '../../../../../common/portal-api/application-transfer';
import { setConsoleTransport } from '../../../lib/console-client';
import { i18n } from '../../../lib/i18n';
import { renderWithProviders } from '../../../test/render';
import { ImportWizard } from './ImportWizard';

const application = {
  name: 'Fuhrpark',
  description: '',
  definition: {
    dataGroups: [newDataGroupDefinition({ id: 'autos', name: 'Autos', tableName: 'autos', fields: [newFieldDefinition({ id: 'kz', name: 'Kennzeichen', type: 'text' })] })],
    pages: [{ id: 'start', title: 'Autos', dataGroupId: 'autos', controls: [newControlDefinition({ id: 'c', kind: 'textfield', label: 'Kennzeichen', fieldId: 'kz', x: 0, y: 0, w: 4 })] }],
  },
  rights: { defaultLevel: 'read' as const, entries: [{ principal: { kind: 'group' as const, name: 'Flotte' }, level: 'manage' as const }] },
};
const text = serializeApplicationFile(buildApplicationFile({ exportedAt: '2027-06-02T08:00:00.000Z', source: { portalName: 'Testportal', portalVersion: '12.0.3' }, sourceVersion: 4, application }));

const counts = (added: number) => ({ added, removed: 0, changed: 0 });
function previewFor(mapped: boolean): ApplicationImportPreview {
  return {
    source: { portalName: 'Testportal', portalVersion: '12.0.3' },
    exportedAt: '2027-06-02T08:00:00.000Z',
    sourceVersion: 4,
    name: 'Fuhrpark',
    description: '',
    counts: { dataGroups: 1, fields: 1, pages: 1, controls: 1 },
    target: { action: 'create' },
    etag: '"application-import.new.x"',
    changes: [{ entity: 'dataGroup', change: 'added', id: 'autos', name: 'Autos', parentId: null, parentName: null, properties: [] }],
    summary: { dataGroup: counts(1), field: counts(1), page: counts(1), control: counts(1), total: 4 },
    definitionChanged: true,
    descriptionChanged: false,
    rights: {
      defaultLevelBefore: null,
      defaultLevel: 'read',
      entries: [{ from: { kind: 'group', name: 'Flotte' }, to: null, level: 'manage', status: mapped ? 'skipped' : 'unmapped' }],
      keptUserEntries: 0,
      changed: true,
    },
    unmappedPrincipals: mapped ? [] : [{ kind: 'group', name: 'Flotte' }],
    availablePrincipals: [{ kind: 'group', name: 'Fuhrparkleitung' }],
  };
}

let calls: { channel: string; request: unknown }[];

beforeAll(async () => {
  await i18n.changeLanguage('en');
});

beforeEach(() => {
  calls = [];
  setConsoleTransport({
    call: async (channel, request): Promise<CallResult> => {
      calls.push({ channel, request });
      if (channel === 'applications:importPreview') {
        const mapping = (request as { mapping: unknown[] }).mapping;
        return { ok: true, value: previewFor(mapping.length > 0) };
      }
      if (channel === 'applications:import') {
        return { ok: true, value: { applicationId: '0190f3a2-1111-7000-8000-000000000001', name: 'Fuhrpark', created: true, publishedVersion: 1, definitionPublished: true, rightsEntries: 0, skippedRightsEntries: 1, dataChanges: { recordsDeleted: 0, valuesRemoved: 0, valuesConverted: 0, valuesCleared: 0 } } };
      }
      return { ok: false, error: { code: 'UNKNOWN_CHANNEL', message: channel } };
    },
  });
});

function chooseFile(content: string, name = 'fuhrpark-application.json') {
  const input = screen.getByTestId('application-import-dialog').querySelector('input[type="file"]') as HTMLInputElement;
  fireEvent.change(input, { target: { files: [new File([content], name, { type: 'application/json' })] } });
}

describe('ImportWizard', () => {
  it('an altered file is refused by the console before anything reaches the portal', async () => {
    renderWithProviders(<ImportWizard onClose={vi.fn()} onOpen={vi.fn()} />);
    chooseFile(text.replace('"Kennzeichen"', '"Kennzeichen 2"'));
    const problem = await screen.findByTestId('application-import-problem');
    expect(problem.getAttribute('data-problem')).toBe('checksum_mismatch');
    expect(problem.textContent).toContain('checksum does not match');
    expect(problem.textContent).toContain('Nothing was changed.');
    expect(calls).toEqual([]);
  });

  it('a newer schema names both versions', async () => {
    renderWithProviders(<ImportWizard onClose={vi.fn()} onOpen={vi.fn()} />);
    chooseFile(JSON.stringify({ ...JSON.parse(text), schemaVersion: 5 }));
    expect((await screen.findByTestId('application-import-problem')).textContent).toContain('schema 5; this console reads schema 1');
  });

  it('previews, waits for the mapping, imports with the preview ETag and opens the application', async () => {
    const onOpen = vi.fn();
    renderWithProviders(<ImportWizard onClose={vi.fn()} onOpen={onOpen} />);
    chooseFile(text);
    const preview = await screen.findByTestId('application-import-preview');
    expect(within(preview).getByTestId('application-import-target').textContent).toContain('Creates the new application “Fuhrpark”.');
    expect(preview.textContent).toContain('Exported from “Testportal” (version 4 there)');
    const run = screen.getByTestId('application-import-run');
    expect((run as HTMLButtonElement).disabled).toBe(true);

    fireEvent.click(screen.getByRole('textbox', { name: 'Mapping for group “Flotte”' }));
    fireEvent.click(await screen.findByRole('option', { name: 'Leave its rights entries out' }));
    await waitFor(() => expect(screen.getByTestId('application-import-right').getAttribute('data-status')).toBe('skipped'));
    await waitFor(() => expect((screen.getByTestId('application-import-run') as HTMLButtonElement).disabled).toBe(false));
    expect(calls.at(-1)).toEqual({ channel: 'applications:importPreview', request: { file: text, mapping: [{ from: { kind: 'group', name: 'Flotte' }, to: null }], name: 'Fuhrpark' } });

    fireEvent.click(screen.getByTestId('application-import-run'));
    const done = await screen.findByTestId('application-import-done');
    expect(done.textContent).toContain('“Fuhrpark” imported as a new application (version 1).');
    expect(done.textContent).toContain('1 rights entry left out');
    expect(calls.at(-1)).toMatchObject({ channel: 'applications:import', request: { etag: '"application-import.new.x"', name: 'Fuhrpark' } });
    fireEvent.click(screen.getByTestId('application-import-open'));
    expect(onOpen).toHaveBeenCalledWith('0190f3a2-1111-7000-8000-000000000001');
  });
});
