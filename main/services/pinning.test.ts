import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConsoleError } from '../../common/errors';
import { generateKeyPair, startRecordingServer, startTlsSink, type RecordingServer } from '../test-support/tls-server';
import { createPinnedAgent, inspectCertificate } from './pinning';
import { PortalClient } from './portal-client';

const servers: RecordingServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function serve(keys: Awaited<ReturnType<typeof generateKeyPair>>, port = 0) {
  const server = await startRecordingServer(keys, port);
  servers.push(server);
  return server;
}

describe('inspectCertificate (first contact)', () => {
  it('reads subject, issuer, validity and the SPKI pin without sending a request', async () => {
    const keys = await generateKeyPair();
    const server = await serve(keys);
    const info = await inspectCertificate(server.url);
    expect(info.spki).toBe(keys.spki);
    expect(info.subject).toContain('CN=127.0.0.1');
    expect(info.selfSigned).toBe(true);
    expect(info.expired).toBe(false);
    expect(info.subjectAltNames).toContain('IP Address:127.0.0.1');
    expect(info.fingerprint256).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    expect(server.received).toHaveLength(0);
  });

  it('says the host is unreachable when nothing listens', async () => {
    const keys = await generateKeyPair();
    const server = await serve(keys);
    const url = server.url;
    await server.close();
    servers.length = 0;
    await expect(inspectCertificate(url)).rejects.toMatchObject({ code: 'UNREACHABLE' });
  });
});

describe('pinned agent', () => {
  it('talks to the server whose key is pinned', async () => {
    const keys = await generateKeyPair();
    const server = await serve(keys);
    const client = new PortalClient(server.url, createPinnedAgent({ primary: keys.spki }), 'token');
    const response = await client.get('/health', z.object({ ok: z.boolean() }));
    expect(response.data.ok).toBe(true);
    expect(server.received[0]?.headers.authorization).toBe('Bearer token');
  });

  it('accepts the backup pin', async () => {
    const [primary, backup] = await Promise.all([generateKeyPair(), generateKeyPair()]);
    const server = await serve(backup);
    const client = new PortalClient(server.url, createPinnedAgent({ primary: primary.spki, backup: backup.spki }));
    await expect(client.get('/x', z.object({ ok: z.boolean() }))).resolves.toMatchObject({ status: 200 });
  });

  it('refuses a man in the middle with another key: no credentials, not a byte of HTTP', async () => {
    const [genuine, attacker] = await Promise.all([generateKeyPair(), generateKeyPair()]);
    const mitm = await startTlsSink(attacker);
    const agent = createPinnedAgent({ primary: genuine.spki });
    const client = new PortalClient(mitm.url, agent);
    const error = await client
      .post('/sessions', z.unknown(), { body: { login: 'admin', password: 'secret-password' } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConsoleError);
    expect(error).toMatchObject({ code: 'PIN_MISMATCH', details: { expected: genuine.spki, actual: attacker.spki } });
    expect((error as ConsoleError).message).toContain(genuine.spki);
    expect((error as ConsoleError).message).toContain(attacker.spki);
    // Counted once the console's connections are all closed: no byte can come later.
    await agent.destroy();
    await mitm.allClosed();
    expect(mitm.bytesReceived()).toBe(0);
    await mitm.close();
  });

  it('checks every new connection: a key swapped between connections is refused', async () => {
    const [genuine, attacker] = await Promise.all([generateKeyPair(), generateKeyPair()]);
    const server = await serve(genuine);
    const client = new PortalClient(server.url, createPinnedAgent({ primary: genuine.spki }));
    const ok = z.object({ ok: z.boolean() });
    await client.get('/first', ok, { headers: { connection: 'close' } });
    server.server.setSecureContext({ cert: attacker.cert, key: attacker.key });
    await expect(client.get('/second', ok)).rejects.toMatchObject({ code: 'PIN_MISMATCH' });
    expect(server.received.map((r) => r.url)).toEqual(['/api/v1/first']);
  });

  it('reuses one pinned keep-alive connection for sequential requests', async () => {
    const keys = await generateKeyPair();
    const server = await serve(keys);
    let connections = 0;
    server.server.on('secureConnection', () => (connections += 1));
    const client = new PortalClient(server.url, createPinnedAgent({ primary: keys.spki }));
    for (let i = 0; i < 20; i += 1) await client.get('/x', z.object({ ok: z.boolean() }));
    // Node's https server drops the very first connection after one response; every later request reuses one.
    expect(connections).toBeLessThanOrEqual(2);
  });
});
