import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSecretKey, secretBox } from './secret-box';

describe('secret box', () => {
  it('seals with a fresh IV each time, opens with the same key only', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'secret-'));
    try {
      const key = await loadSecretKey(join(folder, 'secret'));
      expect(statSync(join(folder, 'secret')).mode & 0o777).toBe(0o600);
      expect(await loadSecretKey(join(folder, 'secret'))).toEqual(key);
      const box = secretBox(key);
      const sealed = box.seal('Bind-Passwort-1');
      expect(sealed).not.toContain('Bind-Passwort-1');
      expect(box.seal('Bind-Passwort-1')).not.toBe(sealed);
      expect(box.open(sealed)).toBe('Bind-Passwort-1');
      expect(secretBox(await loadSecretKey(undefined)).open(sealed)).toBeNull();
      expect(readFileSync(join(folder, 'secret'), 'utf8')).not.toContain('Bind');
    } finally {
      rmSync(folder, { recursive: true });
    }
  });
});
