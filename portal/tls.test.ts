import { createHash, X509Certificate } from 'node:crypto';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateSelfSignedCertificate, loadOrCreateCertificate, resolveTls, spkiPinOfCertificate } from './tls';

const dirs: string[] = [];
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'portal-tls-'));
  dirs.push(dir);
  return dir;
}
afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('generateSelfSignedCertificate', () => {
  it('issues an EC P-256 server certificate for 127.0.0.1 and localhost', async () => {
    const { cert, key } = await generateSelfSignedCertificate();
    const x509 = new X509Certificate(cert);
    expect(x509.subject).toBe('CN=127.0.0.1');
    expect(x509.subjectAltName).toContain('IP Address:127.0.0.1');
    expect(x509.subjectAltName).toContain('DNS:localhost');
    expect(x509.publicKey.asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
    expect(x509.checkHost('localhost')).toBe('localhost');
    expect(x509.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(x509.ca).toBe(false);
    expect(key).toContain('PRIVATE KEY');
  });
});

describe('spkiPinOfCertificate', () => {
  it('is base64 SHA-256 of the DER SubjectPublicKeyInfo, the same from PEM and DER', async () => {
    const { cert } = await generateSelfSignedCertificate();
    const x509 = new X509Certificate(cert);
    const expected = createHash('sha256')
      .update(x509.publicKey.export({ type: 'spki', format: 'der' }))
      .digest('base64');
    expect(spkiPinOfCertificate(cert)).toBe(expected);
    expect(spkiPinOfCertificate(x509.raw)).toBe(expected);
    expect(Buffer.from(expected, 'base64')).toHaveLength(32);
  });

  it('differs between two generated certificates', async () => {
    const [a, b] = await Promise.all([generateSelfSignedCertificate(), generateSelfSignedCertificate()]);
    expect(spkiPinOfCertificate(a.cert)).not.toBe(spkiPinOfCertificate(b.cert));
  });
});

describe('loadOrCreateCertificate', () => {
  it('keeps the certificate in the folder (key 0600) so the pin is stable across starts', async () => {
    const dir = await tempDir();
    const first = await loadOrCreateCertificate(dir);
    const second = await loadOrCreateCertificate(dir);
    expect(second.spki).toBe(first.spki);
    expect(second.cert).toBe(first.cert);
    expect((await stat(join(dir, 'key.pem'))).mode & 0o777).toBe(0o600);
  });

  it('serves given files and refuses half a pair', async () => {
    const dir = await tempDir();
    const kept = await loadOrCreateCertificate(dir);
    const given = await resolveTls({ certFile: join(dir, 'cert.pem'), keyFile: join(dir, 'key.pem') });
    expect(given.spki).toBe(kept.spki);
    await expect(resolveTls({ certFile: join(dir, 'cert.pem') })).rejects.toThrow(/together/);
  });
});
