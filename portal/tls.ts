import { createHash, X509Certificate } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface TlsMaterial {
  cert: string;
  key: string;
  /** base64(SHA-256(DER SubjectPublicKeyInfo)): what the console pins. */
  spki: string;
}

const CERT_FILE = 'cert.pem';
const KEY_FILE = 'key.pem';
const VALIDITY_DAYS = 825;

/** The SPKI pin of a certificate (PEM text or DER bytes): base64 of the SHA-256 of its DER SubjectPublicKeyInfo. */
export function spkiPinOfCertificate(pemOrDer: string | Buffer): string {
  const spki = new X509Certificate(pemOrDer).publicKey.export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(spki).digest('base64');
}

/** A self-signed EC P-256 server certificate for 127.0.0.1 / localhost. */
export async function generateSelfSignedCertificate(now = new Date()): Promise<{ cert: string; key: string }> {
  const notAfter = new Date(now.getTime() + VALIDITY_DAYS * 24 * 60 * 60 * 1000);
  // Loaded only here: a portal with its certificate kept starts without it (~0.1 s of module loading).
  const { default: selfsigned } = await import('selfsigned');
  const pems = await selfsigned.generate([{ name: 'commonName', value: '127.0.0.1' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate: new Date(now.getTime() - 60_000),
    notAfterDate: notAfter,
    extensions: [
      { name: 'basicConstraints', cA: false, critical: true },
      { name: 'keyUsage', digitalSignature: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 7, ip: '127.0.0.1' },
          { type: 2, value: 'localhost' },
        ],
      },
    ],
  });
  return { cert: pems.cert, key: pems.private };
}

async function readIfPresent(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

function withPin(pair: { cert: string; key: string }): TlsMaterial {
  return { ...pair, spki: spkiPinOfCertificate(pair.cert) };
}

/** Loads the certificate kept in `dir`, or creates one there (key mode 0600) so the pin survives restarts. */
export async function loadOrCreateCertificate(dir: string): Promise<TlsMaterial> {
  const certPath = join(dir, CERT_FILE);
  const keyPath = join(dir, KEY_FILE);
  const [cert, key] = await Promise.all([readIfPresent(certPath), readIfPresent(keyPath)]);
  if (cert !== undefined && key !== undefined) return withPin({ cert, key });
  await mkdir(dir, { recursive: true });
  const created = await generateSelfSignedCertificate();
  await writeFile(keyPath, created.key, { mode: 0o600 });
  await chmod(keyPath, 0o600);
  await writeFile(certPath, created.cert, { mode: 0o644 });
  return withPin(created);
}

export async function loadCertificateFiles(certFile: string, keyFile: string): Promise<TlsMaterial> {
  const [cert, key] = await Promise.all([readFile(certFile, 'utf8'), readFile(keyFile, 'utf8')]);
  return withPin({ cert, key });
}

/** Where the certificate comes from: given files, a kept one in the data folder, or a fresh in-memory one. */
export async function resolveTls(options: { certFile?: string; keyFile?: string; dataDir?: string }): Promise<TlsMaterial> {
  if (options.certFile !== undefined || options.keyFile !== undefined) {
    if (options.certFile === undefined || options.keyFile === undefined) {
      throw new Error('certFile and keyFile must be given together');
    }
    return loadCertificateFiles(options.certFile, options.keyFile);
  }
  if (options.dataDir !== undefined) return loadOrCreateCertificate(options.dataDir);
  return withPin(await generateSelfSignedCertificate());
}
