import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SaveDraftRequest } from '../../common/contract/designer';
import { DraftStore } from './drafts';

const APP = '3f1d2c4b-5a69-4e7f-8a1b-2c3d4e5f6a7b';
const OTHER_APP = '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d';
const PROFILE = 'local-test-portal';

let root: string;
let clock: Date;
const warnings: string[] = [];

function store() {
  return new DraftStore(root, { warn: (message) => warnings.push(message) }, () => clock);
}

function applicationDraft(title: string, id = APP): SaveDraftRequest {
  return {
    kind: 'application',
    id,
    baseEtag: `"definition.${id}.v3"`,
    baseVersion: 3,
    content: { dataGroups: [], pages: [{ id: 'p1', title, dataGroupId: null, controls: [] }] },
  };
}

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'portal-console-drafts-'));
  clock = new Date('2026-03-02T10:00:00Z');
  warnings.length = 0;
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('DraftStore', () => {
  it('keeps a draft across a restart (a new store on the same folder), one file per application', async () => {
    await store().save(PROFILE, applicationDraft('Antrag'));
    const reopened = store();
    expect(await reopened.get(PROFILE, { kind: 'application', id: APP })).toMatchObject({
      baseEtag: `"definition.${APP}.v3"`,
      savedAt: '2026-03-02T10:00:00.000Z',
      content: { pages: [{ title: 'Antrag' }] },
    });
    expect(await readdir(join(root, PROFILE))).toEqual([`application-${APP}.json`]);
  });

  it('keeps drafts of different portals apart', async () => {
    await store().save(PROFILE, applicationDraft('Lokal'));
    expect(await store().get('other-profile', { kind: 'application', id: APP })).toBeNull();
  });

  it('applies rapid saves in order: the last one wins even when written concurrently', async () => {
    const drafts = store();
    await Promise.all(Array.from({ length: 20 }, (_, index) => drafts.save(PROFILE, applicationDraft(`Fassung ${index}`))));
    const saved = await store().get(PROFILE, { kind: 'application', id: APP });
    expect(saved?.kind === 'application' && saved.content.pages[0]?.title).toBe('Fassung 19');
    // Only the draft itself remains: no temporary files left behind.
    expect(await readdir(join(root, PROFILE))).toHaveLength(1);
  });

  it('discards a draft, even right after a save that is still being written; discarding nothing is fine', async () => {
    const drafts = store();
    void drafts.save(PROFILE, applicationDraft('Gleich weg'));
    await drafts.discard(PROFILE, { kind: 'application', id: APP });
    expect(await drafts.get(PROFILE, { kind: 'application', id: APP })).toBeNull();
    await expect(drafts.discard(PROFILE, { kind: 'application', id: APP })).resolves.toBeUndefined();
  });

  it('lists the drafts of a profile newest first, optionally of one kind', async () => {
    const drafts = store();
    await drafts.save(PROFILE, applicationDraft('Alt', OTHER_APP));
    clock = new Date('2026-03-02T11:00:00Z');
    await drafts.save(PROFILE, applicationDraft('Neu'));
    await drafts.save(PROFILE, {
      kind: 'layout',
      id: OTHER_APP,
      baseEtag: '"layout.x.v1"',
      baseVersion: 1,
      content: { name: 'Standard', primaryColor: '#000', accentColor: '#fff', logo: null, customCss: '' },
    });
    expect((await drafts.list(PROFILE)).map((d) => `${d.kind}:${d.id === APP ? 'app' : 'other'}`)).toEqual([
      'application:app',
      'layout:other',
      'application:other',
    ]);
    expect((await drafts.list(PROFILE, 'layout')).map((d) => d.kind)).toEqual(['layout']);
    expect(await drafts.list('nobody')).toEqual([]);
  });

  it('moves an unreadable draft aside instead of deleting it', async () => {
    const drafts = store();
    await drafts.save(PROFILE, applicationDraft('Antrag'));
    const path = join(root, PROFILE, `application-${APP}.json`);
    await writeFile(path, '{"formatVersion": 1, "draft": ');
    expect(await drafts.get(PROFILE, { kind: 'application', id: APP })).toBeNull();
    const names = await readdir(join(root, PROFILE));
    expect(names).toEqual([expect.stringMatching(/^application-.*\.json\.unreadable-\d+$/)]);
    expect(await readFile(join(root, PROFILE, names[0]!), 'utf8')).toContain('"draft"');
    expect(warnings).toEqual(['unreadable draft moved aside']);
  });

  it('refuses ids that could leave the drafts folder', async () => {
    await expect(store().get('../etc', { kind: 'application', id: APP })).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(store().get(PROFILE, { kind: 'application', id: '../../x' })).rejects.toMatchObject({ code: 'VALIDATION' });
  });
});
