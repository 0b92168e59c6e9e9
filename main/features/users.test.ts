import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UserSaved, VersionedSecurityPolicy, VersionedUser } from '../../common/contract';
import type { Invitation, InvitationCreated, InvitationPage } from '../../common/portal-api/invitations';
import type { ImportJob, UserPage } from '../../common/portal-api/users';
import type { Backend } from '../backend';
import { EMBEDDED_PROFILE_ID } from '../services/profiles';
import { contractCaller, createTestBackend, DEMO_ADMIN, type TestBackend } from '../test-support/backend-harness';
import { csvFilename } from './users';

const ADMIN = DEMO_ADMIN;
let backend: Backend;

const { call, failure } = contractCaller(() => backend);

const newUser = (login: string) => ({
  login,
  displayName: `Erika ${login}`,
  email: `${login}@muster-gmbh.de`,
  language: 'de',
  enabled: true,
  isAdmin: false,
  groupIds: [],
  password: { mode: 'none' },
});

let harness: TestBackend;

beforeAll(async () => {
  harness = await createTestBackend('users');
  ({ backend } = harness);
  await call('session:signIn', { profileId: EMBEDDED_PROFILE_ID, ...ADMIN, remember: false });
});

afterAll(() => harness?.close());

describe('users through the console backend', () => {
  it('lists, searches and pages', async () => {
    const first = await call<UserPage>('users:list', { limit: 20, sort: 'login' });
    expect(first).toMatchObject({ total: 50 });
    const second = await call<UserPage>('users:list', { limit: 20, sort: 'login', cursor: first.nextCursor });
    expect(second.items[0]?.login.localeCompare(first.items[19]?.login ?? '')).toBeGreaterThan(0);
    expect((await call<UserPage>('users:list', { q: 'admin@' })).items.map((u) => u.login)).toEqual(['admin']);
  });

  it('creates, then reports a concurrent edit as PRECONDITION_FAILED with the portal version', async () => {
    const created = await call<UserSaved>('users:create', { ...newUser('erika.backend'), password: { mode: 'generate' } });
    expect(created.oneTimePassword).toHaveLength(16);
    const { etag, value } = created.user;
    const fields = { login: value.login, displayName: 'Erika Eins', email: value.email, language: 'de', enabled: true, isAdmin: false, groupIds: [] };
    const saved = await call<VersionedUser>('users:update', { id: value.id, ifMatch: etag, value: fields });
    expect(saved.etag).not.toBe(etag);
    const stale = await failure('users:update', { id: value.id, ifMatch: etag, value: { ...fields, displayName: 'Erika Zwei' } });
    expect(stale).toMatchObject({ code: 'PRECONDITION_FAILED', details: { currentEtag: saved.etag, current: { displayName: 'Erika Eins' } } });
    expect(await failure('users:get', { id: '00000000-0000-4000-8000-000000000000' })).toMatchObject({ code: 'NOT_FOUND' });
    expect(await failure('users:create', newUser('Erika.Backend'))).toMatchObject({ code: 'CONFLICT', details: { problemCode: 'login_taken' } });
    await call('users:delete', { id: value.id, ifMatch: saved.etag });
  });

  it('exports the filter as CSV with the portal file name', async () => {
    const exported = await call<{ filename: string; csv: string }>('users:export', { status: 'disabled' });
    expect(exported.filename).toMatch(/^users-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(exported.csv.trimEnd().split('\r\n')).toHaveLength(5);
  });

  it('validates, imports and reports the job', async () => {
    const rows = [
      { login: 'csv.one', displayName: 'CSV Eins' },
      { login: 'csv.two', displayName: '' },
    ];
    expect(await call('users:importValidate', { rows })).toMatchObject({ total: 2, valid: 1, issues: [{ row: 2, code: 'required' }] });
    let job = await call<ImportJob>('users:importStart', { rows });
    while (job.state === 'running') job = await call<ImportJob>('users:importJob', { jobId: job.id });
    expect(job).toMatchObject({ state: 'done', created: 1, skipped: 1, activationCodes: 1 });

    const codes = await call<{ filename: string; csv: string }>('users:importActivationCodes', { jobId: job.id });
    expect(codes.filename).toMatch(/^activation-codes-\d{4}-\d{2}-\d{2}\.csv$/);
    const [header, line] = codes.csv.replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    expect(header).toBe('login,displayName,email,activationCode,validUntil');
    expect(line).toMatch(/^csv\.one,CSV Eins,,[0-9A-Z]{4}(-[0-9A-Z]{4}){6},\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(await failure('users:importActivationCodes', { jobId: job.id })).toMatchObject({ code: 'CONFLICT', details: { problemCode: 'activation_codes_gone' } });
  });

  it('lists the recent imports, refuses to resume a finished one and issues new codes for what it created', async () => {
    const { jobs } = await call<{ jobs: ImportJob[] }>('users:importJobs');
    const job = jobs.find((listed) => listed.state === 'done' && listed.created === 1);
    expect(job).toMatchObject({ total: 2, skipped: 1 });
    expect(await failure('users:importResume', { jobId: job?.id })).toMatchObject({ code: 'CONFLICT', details: { problemCode: 'import_not_interrupted' } });
    expect(await failure('users:importResume', { jobId: '00000000-0000-4000-8000-000000000000' })).toMatchObject({ code: 'NOT_FOUND' });
    const codes = await call<{ filename: string; csv: string }>('users:importReissueCodes', { jobId: job?.id });
    expect(codes.filename).toMatch(/^activation-codes-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(codes.csv.replace(/^\uFEFF/, '').trimEnd().split('\r\n').slice(1).map((line) => line.split(',')[0])).toEqual(['csv.one']);
  });

  it('issues activation codes for selected users without a password, the code answered once per row', async () => {
    const page = await call<UserPage>('users:list', { q: 'csv.one' });
    const [user] = page.items;
    const response = await call<{ results: { outcome: string; activationCode?: string }[] }>('users:bulk', {
      action: 'issue_activation_code',
      items: [{ id: user?.id, etag: user?.etag }],
    });
    expect(response.results).toEqual([expect.objectContaining({ outcome: 'ok', activationCode: expect.stringMatching(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){6}$/) })]);
  });

  it('invites, lists and revokes with If-Match; the code comes once and a stale revoke is PRECONDITION_FAILED', async () => {
    // The demo policy: only administrators create accounts ("Keine Einladungen per E-Mail zulässig").
    expect(await failure('users:invite', { email: 'gast@muster-gmbh.de' })).toMatchObject({ code: 'CONFLICT', details: { problemCode: 'invitations_admins_only' } });
    const current = await call<VersionedSecurityPolicy>('securityPolicy:get');
    const invitationMode = {
      ...current.value,
      preset: 'custom',
      membership: { mode: 'invitation', inviters: 'anyone', registrationCode: 'Sommer-2026' },
      password: { ...current.value.password, neverSendByEmail: false },
    };
    await call('securityPolicy:update', { ifMatch: current.etag, value: invitationMode });
    const created = await call<InvitationCreated>('users:invite', { email: 'gast@muster-gmbh.de', displayName: 'Gast Muster' });
    expect(created.code).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){6}$/);
    const listed = await call<InvitationPage>('users:invitations', { limit: 10 });
    expect(listed.items[0]).toMatchObject({ id: created.invitation.id, status: 'open' });
    expect(JSON.stringify(listed)).not.toContain(created.code);
    const revoked = await call<Invitation>('users:revokeInvitation', { id: created.invitation.id, ifMatch: created.invitation.etag });
    expect(revoked.status).toBe('revoked');
    expect(await failure('users:revokeInvitation', { id: created.invitation.id, ifMatch: created.invitation.etag })).toMatchObject({ code: 'PRECONDITION_FAILED' });
    expect(await call('users:invitationRequests', { limit: 10 })).toEqual({ items: [], nextCursor: null });
    expect(await failure('users:grantInvitationRequest', { id: created.invitation.id, ifMatch: '"x"' })).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('saves the security policy with If-Match; a weak password then has to be changed at sign-in', async () => {
    const current = await call<VersionedSecurityPolicy>('securityPolicy:get');
    const stricter = { ...current.value, preset: 'custom', password: { ...current.value.password, minLength: 18 } };
    await call('securityPolicy:update', { ifMatch: current.etag, value: stricter });
    expect(await failure('securityPolicy:update', { ifMatch: current.etag, value: stricter })).toMatchObject({ code: 'PRECONDITION_FAILED' });

    await call('session:signOut');
    const session = await call<{ user: { mustChangePassword: boolean } }>('session:signIn', { profileId: EMBEDDED_PROFILE_ID, ...ADMIN, remember: false });
    expect(session.user.mustChangePassword).toBe(true);
    expect(await failure('users:list', {})).toMatchObject({ code: 'PASSWORD_CHANGE_REQUIRED' });
    expect(await failure('session:changePassword', { currentPassword: ADMIN.password, newPassword: 'Zu-kurz-2026' })).toMatchObject({
      code: 'VALIDATION',
      details: { problemCode: 'password_policy' },
    });
    const changed = await call<{ user: { mustChangePassword: boolean } }>('session:changePassword', {
      currentPassword: ADMIN.password,
      newPassword: 'Achtzehn-Zeichen-Lang',
    });
    expect(changed.user.mustChangePassword).toBe(false);
    expect((await call<UserPage>('users:list', { limit: 1 })).items).toHaveLength(1);
  });
});

describe('csvFilename', () => {
  it.each([
    ['attachment; filename="users-2026-03-02.csv"', 'users-2026-03-02.csv'],
    ['attachment; filename=users.csv', 'users.csv'],
    ['attachment; filename="../../etc/passwd.csv"', 'fallback.csv'],
    ['attachment; filename="report.exe"', 'fallback.csv'],
    [undefined, 'fallback.csv'],
  ])('%j -> %s', (header, expected) => {
    expect(csvFilename(header, 'fallback.csv')).toBe(expected);
  });
});
