import type { LookupFunction } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProfileInstances, ProfileView } from '../../common/contract';
import type { AvailabilityReport, Outage, OutagePage } from '../../common/portal-api/availability';
import type { Backend } from '../backend';
import type { EmbeddedPortal } from '../services/embedded-portal';
import { probeInstance } from '../services/instance-probe';
import { EMBEDDED_PROFILE_ID } from '../services/profiles';
import { contractCaller, createTestBackend, DEMO_ADMIN, type TestBackend } from '../test-support/backend-harness';
import { inProcessPortalLauncher } from '../test-support/in-process-portal';
import { generateKeyPair, startRecordingServer } from '../test-support/tls-server';
import { instancesHandlers } from './instances';

let harness: TestBackend;
let backend: Backend;
let embedded: EmbeddedPortal;
const { call, failure } = contractCaller(() => backend);

/** Resolves every name to 127.0.0.1, as DNS would for instances that exist. */
const toLoopback: LookupFunction = (_hostname, options, callback) => {
  if (options.all) (callback as unknown as (e: null, a: { address: string; family: number }[]) => void)(null, [{ address: '127.0.0.1', family: 4 }]);
  else callback(null, '127.0.0.1', 4);
};

beforeAll(async () => {
  harness = await createTestBackend('availability', { embeddedPortal: inProcessPortalLauncher({ now: () => new Date('2027-06-02T08:15:00Z') }) });
  ({ backend } = harness);
  embedded = (await backend.embedded)!;
});

afterAll(() => harness?.close());

describe('availability through the console contract', () => {
  beforeAll(async () => {
    await call('session:signIn', { profileId: EMBEDDED_PROFILE_ID, ...DEMO_ADMIN, remember: false });
  });

  it('reads the months computed by the portal', async () => {
    const report = await call<AvailabilityReport>('instance:availability');
    expect(report.months[1]).toMatchObject({ month: '2027-05', status: 'met', downtimeMinutes: 95, excusedMinutes: 120 });
  });

  it('records an ongoing outage and closes it; closing a version changed since it was shown is refused', async () => {
    const recorded = await call<Outage>('instance:recordOutage', { start: '2027-06-02T08:00:00.000Z', severity: 'critical', cause: 'Portal antwortet nicht' });
    expect(recorded.end).toBeNull();
    const stale = await failure('instance:closeOutage', { id: recorded.id, end: '2027-06-02T08:10:00.000Z', updatedAt: '2027-06-01T00:00:00.000Z' });
    expect(stale.code).toBe('PRECONDITION_FAILED');
    const closed = await call<Outage>('instance:closeOutage', { id: recorded.id, end: '2027-06-02T08:10:00.000Z', updatedAt: recorded.updatedAt });
    expect(closed).toMatchObject({ end: '2027-06-02T08:10:00.000Z', closedBy: 'admin' });
    const list = await call<OutagePage>('instance:outages', { limit: 1 });
    expect(list.items[0]!.id).toBe(recorded.id);
    const report = await call<AvailabilityReport>('instance:availability');
    expect(report.months[0]!.downtimeMinutes).toBe(10);
    // Without an end the portal closes it at its own clock (08:15 there), whatever the console's clock says.
    const second = await call<Outage>('instance:recordOutage', { start: '2027-06-02T08:12:00.000Z', severity: 'critical', cause: 'Portal antwortet wieder nicht' });
    const closedNow = await call<Outage>('instance:closeOutage', { id: second.id, updatedAt: second.updatedAt });
    expect(closedNow.end).toBe('2027-06-02T08:15:00.000Z');
  });

  it('refuses a bad record in the console already (VALIDATION), nothing reaches the portal', async () => {
    const error = await failure('instance:recordOutage', { start: 'yesterday', severity: 'critical', cause: 'x' });
    expect(error.code).toBe('VALIDATION');
  });
});

describe('test and development instances of a production profile', () => {
  let production: ProfileView;

  beforeAll(async () => {
    // The embedded portal once more, by name and as production: its "-test" and "-dev" names resolve nowhere.
    const port = new URL(embedded.url).port;
    production = await call<ProfileView>('profiles:create', { name: 'Kunde', url: `https://localhost:${port}`, environment: 'prod' });
  });

  it('lists kunde-test and kunde-dev as not reachable when their names do not resolve, without an error', async () => {
    const result = await call<ProfileInstances>('profiles:instances', { profileId: production.id });
    expect(result.derivable).toBe(true);
    if (!result.derivable) return;
    const port = new URL(embedded.url).port;
    expect(result.instances.map((instance) => [instance.environment, instance.url, instance.probe.state])).toEqual([
      ['test', `https://localhost-test:${port}/`, 'unreachable'],
      ['dev', `https://localhost-dev:${port}/`, 'unreachable'],
    ]);
  });

  it('says why nothing is derived for a non-production profile or an IP address', async () => {
    expect(await call('profiles:instances', { profileId: EMBEDDED_PROFILE_ID })).toEqual({ derivable: false, reason: 'not_production' });
    const byIp = await call<ProfileView>('profiles:create', { name: 'Kunde IP', url: embedded.url, environment: 'prod' });
    expect(await call('profiles:instances', { profileId: byIp.id })).toEqual({ derivable: false, reason: 'ip_address' });
  });

  it('probes an instance that answers: its version and certificate, and marks one already added as a profile', async () => {
    const port = new URL(embedded.url).port;
    const handlers = instancesHandlers(backend.context, (url) => probeInstance(url, { lookup: toLoopback }));
    const testProfile = await call<ProfileView>('profiles:create', { name: 'Kunde Test', url: `https://localhost-test:${port}/`, environment: 'test' });
    const result = await handlers['profiles:instances']({ profileId: production.id });
    if (!result.derivable) throw new Error('not derivable');
    const [test, dev] = result.instances;
    expect(test).toMatchObject({ profileId: testProfile.id, probe: { state: 'reachable', version: '12.0.3', certificate: { spki: embedded.spki } } });
    expect(dev).toMatchObject({ profileId: null, probe: { state: 'reachable' } });
    // Probing pinned nothing: the added profile still asks for its certificate on first contact.
    expect((await call<ProfileView[]>('profiles:list')).find((profile) => profile.id === testProfile.id)?.pin).toBeNull();
  });
});

describe('probeInstance', () => {
  it('sends the health request only over a connection to the key it saw, and never a credential', async () => {
    const server = await startRecordingServer(await generateKeyPair());
    try {
      const probe = await probeInstance(server.url, { timeoutMs: 2_000 });
      // The recording server is not a portal: it is reached, but its answer is not a health answer.
      expect(probe).toMatchObject({ state: 'unreachable', code: 'MALFORMED_RESPONSE' });
      expect(server.received.map((request) => [request.method, request.url])).toEqual([['GET', '/api/v1/health']]);
      expect(server.received[0]!.headers.authorization).toBeUndefined();
    } finally {
      await server.close();
    }
  });

  it('answers "not reachable" for a name that does not resolve', async () => {
    const probe = await probeInstance('https://kunde-test.example.invalid/', { timeoutMs: 2_000 });
    expect(probe).toMatchObject({ state: 'unreachable' });
    expect(['UNREACHABLE', 'TIMEOUT']).toContain(probe.state === 'unreachable' ? probe.code : '');
  });
});
