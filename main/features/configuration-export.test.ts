import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BackendContext } from '../context';
import type { ClientLog } from '../services/client-log';
import type { SaveDialog } from '../services/file-download';
import { configurationHandlers } from './configuration';

const log = { info: () => undefined, warn: () => undefined, error: () => undefined } as unknown as ClientLog;
const FILE = '{"format":"portal-configuration"}';

/** The handlers on a session whose portal client only records what it is asked (every request is a stream here). */
function electronExport(dialog: SaveDialog) {
  const requests: string[] = [];
  const client = {
    stream: async (method: string, path: string) => {
      requests.push(`${method} ${path}`);
      return {
        body: Readable.from([Buffer.from(FILE)]),
        headers: { 'content-length': String(FILE.length), 'content-disposition': 'attachment; filename="muster-gmbh-portal-configuration-2027-06-02.json"' },
      };
    },
  };
  const session = {
    client: () => client,
    current: () => ({ portal: { name: 'Muster GmbH Portal', timeZone: 'Europe/Berlin' } }),
  };
  const ctx = { log, session, fileDialogs: dialog } as unknown as BackendContext & { fileDialogs: SaveDialog };
  return { exportFile: () => configurationHandlers(ctx)['configuration:export']({}), requests };
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'configuration-export-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('configuration export in Electron: the save dialog comes first', () => {
  it('a cancelled dialog makes no portal request (so the portal audits no export)', async () => {
    const offered: string[] = [];
    const { exportFile, requests } = electronExport({ saveFile: async (name) => (offered.push(name), null) });
    expect(await exportFile()).toEqual({ kind: 'cancelled' });
    expect(requests).toEqual([]);
    expect(offered).toHaveLength(1);
    expect(offered[0]).toMatch(/^muster-gmbh-portal-configuration-\d{4}-\d{2}-\d{2}\.json$/);
  });

  it('a chosen path asks the portal once, after the dialog, and writes its file there', async () => {
    const path = join(dir, 'chosen.json');
    const order: string[] = [];
    const { exportFile, requests } = electronExport({ saveFile: async () => (order.push(`dialog, requests so far ${requests.length}`), path) });
    const answer = await exportFile();
    expect(order).toEqual(['dialog, requests so far 0']);
    expect(requests).toEqual(['GET /configuration/export']);
    expect(answer).toMatchObject({ kind: 'saved', path, file: 'muster-gmbh-portal-configuration-2027-06-02.json', bytes: FILE.length });
    expect(await readFile(path, 'utf8')).toBe(FILE);
  });
});
