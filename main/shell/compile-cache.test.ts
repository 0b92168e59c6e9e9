import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { compileCacheUsable, enableMainCompileCache } from './compile-cache';

describe('enableMainCompileCache', () => {
  it("keeps the main process's compiled code in the user-data folder where Node has the cache (22.1+)", () => {
    const enableCompileCache = vi.fn(() => ({ status: 1 }));
    expect(enableMainCompileCache('/u', {}, { enableCompileCache })).toBe(true);
    expect(enableCompileCache).toHaveBeenCalledExactlyOnceWith(join('/u', 'compile-cache'));
  });

  it('leaves it off under an AppImage, on a Node without it, and when Node refuses', () => {
    const enableCompileCache = vi.fn(() => ({ status: 1 }));
    expect(enableMainCompileCache('/u', { APPIMAGE: '/home/a/Portal-Console.AppImage' }, { enableCompileCache })).toBe(false);
    expect(enableCompileCache).not.toHaveBeenCalled();
    expect(enableMainCompileCache('/u', {}, {})).toBe(false);
    const refusing = () => {
      throw new Error('EACCES');
    };
    expect(enableMainCompileCache('/u', {}, { enableCompileCache: refusing })).toBe(false);
  });

  it('is usable unless the console runs from an AppImage', () => {
    expect(compileCacheUsable({})).toBe(true);
    expect(compileCacheUsable({ APPIMAGE: '/a.AppImage' })).toBe(false);
  });
});
