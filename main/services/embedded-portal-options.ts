/** How the console starts its embedded portal, in whatever process (no child_process here: the Electron main bundle imports it). */

import { constants, setPriority } from 'node:os';
import { join } from 'node:path';
import { compileCacheDir, compileCacheUsable } from '../shell/compile-cache';

/** PORTAL_CONSOLE_PORTAL_LOG=1 writes every request of the local test portal to logs/local-portal.log. */
export const PORTAL_LOG_ENV = 'PORTAL_CONSOLE_PORTAL_LOG';

/** Where the embedded portal keeps its data and its log, inside the console's user-data folder. */
export function embeddedPortalFolders(userDataDir: string): { dataDir: string; logDir: string } {
  return { dataDir: join(userDataDir, 'local-portal'), logDir: join(userDataDir, 'logs') };
}

/** The portal CLI's arguments for the embedded portal, whatever process runs it (small Postgres buffers: issue 14). */
export function embeddedPortalArgs(dataDir: string, env: NodeJS.ProcessEnv = process.env): string[] {
  const args = ['--port', '0', '--data', dataDir, '--demo', '--env', 'dev', '--small-memory'];
  if (env[PORTAL_LOG_ENV] !== '1') args.push('--quiet');
  return args;
}

/**
 * V8 flags for the embedded portal's process. --expose-gc: the portal collects once after its start, when the
 * prepared database's unpacked tarball (~90 MiB of buffers) is garbage that V8 would otherwise keep for minutes.
 * A young generation of 4 MiB semi-spaces instead of 16: the portal's requests allocate little per request.
 * --liftoff-only: PGlite's 9 MB of WebAssembly stays in V8's baseline code. Tiering hot functions up to TurboFan
 * compiled on the second core while the console's page loaded there, and made the start ~0.75 s slower (issue 14:
 * later start to shell 3.4 -> 2.6 s); the price is CPU-bound queries ~1.8x slower (a 37.5 MB matrix export +8 %).
 */
export const EMBEDDED_PORTAL_EXEC_ARGV: readonly string[] = ['--expose-gc', '--max-semi-space-size=4', '--liftoff-only'];

/**
 * The embedded portal's environment. MALLOC_MMAP_THRESHOLD_ (glibc; ignored elsewhere) fixes the size from which
 * malloc maps a block of its own and unmaps it on free. By default a freed large block raises that threshold, so
 * each scrypt password hash's 16 MiB stays in its libuv thread's arena for good, and the prepared database's
 * tarball, unpacked in 16-64 KiB buffers, leaves the main heap fragmented at ~60 MiB. Measured after sign-in:
 * 253 MiB on a first run and 227 MiB later with glibc's default, 188 and 163-197 MiB with 16 KiB. 32 KiB, not 16: at
 * 16 KiB every TLS record buffer (16 KiB and a header) was mapped, faulted in and unmapped again, and a user search
 * took ~1.7x as long in the portal ("Müll" 18 -> 36 ms). Not 64: the heap then keeps more (medians of five after
 * sign-in, first / later run: 175 / 154 MiB at 32 KiB, 211 / 177 MiB at 64 KiB, at most 233 MiB).
 */
export function embeddedPortalEnv(dataDir: string, env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) if (value !== undefined) result[key] = value;
  result.MALLOC_MMAP_THRESHOLD_ ??= String(32 * 1024);
  // Node 22.1+ (Electron's utility process) keeps the compiled bundle here for the next start; older Nodes ignore it.
  // In the portal's data folder, inside the console's user-data folder.
  if (compileCacheUsable(env)) result.NODE_COMPILE_CACHE ??= compileCacheDir(dataDir);
  return result;
}

/**
 * The embedded portal starts at the same moment as the window it serves, and on a machine with few cores its
 * start (module loading, PGlite, the demo seed) took the CPU the first paint needed. Below normal priority (nice
 * 10 on Linux and macOS, BELOW_NORMAL on Windows) it runs whenever the console is idle, which is almost always.
 * A process that has already ended, or a system that refuses, keeps its priority: it is not worth a failed start.
 */
export function runBelowConsole(pid: number | undefined): boolean {
  if (pid === undefined) return false;
  try {
    setPriority(pid, constants.priority.PRIORITY_BELOW_NORMAL);
    return true;
  } catch {
    return false;
  }
}
