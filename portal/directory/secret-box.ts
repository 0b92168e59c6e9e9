import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

const KEY_BYTES = 32;
const IV_BYTES = 12;
const FORMAT = 'v1';

/** AES-256-GCM with the portal's secret key: what the portal keeps encrypted at rest (the directory's bind password). */
export interface SecretBox {
  seal(plain: string): string;
  /** null when the value was sealed with another key (a portal started without its data folder's secret). */
  open(sealed: string): string | null;
}

export function secretBox(key: Buffer): SecretBox {
  if (key.length !== KEY_BYTES) throw new Error(`the secret key must be ${KEY_BYTES} bytes`);
  return {
    seal(plain) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return [FORMAT, iv.toString('base64'), cipher.getAuthTag().toString('base64'), data.toString('base64')].join(':');
    },
    open(sealed) {
      const [format, iv, tag, data] = sealed.split(':');
      if (format !== FORMAT || iv === undefined || tag === undefined || data === undefined) return null;
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'));
        decipher.setAuthTag(Buffer.from(tag, 'base64'));
        return Buffer.concat([decipher.update(Buffer.from(data, 'base64')), decipher.final()]).toString('utf8');
      } catch {
        return null;
      }
    },
  };
}

/**
 * The portal's secret key in DIR/secret (made on first start, readable by the portal's user only). A portal
 * without a data folder gets a key for this process only: what it seals cannot be opened after a restart.
 */
export async function loadSecretKey(file: string | undefined): Promise<Buffer> {
  if (file === undefined) return randomBytes(KEY_BYTES);
  try {
    const stored = Buffer.from((await readFile(file, 'utf8')).trim(), 'base64');
    if (stored.length === KEY_BYTES) return stored;
    throw new Error(`${file} does not hold a ${KEY_BYTES}-byte key`);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const key = randomBytes(KEY_BYTES);
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  return key;
}
