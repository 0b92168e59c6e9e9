import type { EmbeddedPortalLauncher } from './embedded-portal';
import { waitForReadyLine } from './portal-ready-line';
import { forkUtilityPortal, stopUtilityPortal, type StartedUtilityPortal, type UtilityFork } from './portal-utility-fork';

export type { PortalUtilityProcess, UtilityFork } from './portal-utility-fork';

/**
 * The Electron shell runs the embedded reference portal in a utility process (Electron's own Node child) rather
 * than fork() with ELECTRON_RUN_AS_NODE: the packaged app ships with the RunAsNode fuse off, so the binary
 * cannot be turned into a plain Node by anyone who sets that variable. A portal the shell started already
 * (`prestarted`, before it loaded the backend) is taken over when it serves the same folders; otherwise it is
 * stopped and another started.
 */
export function utilityPortalLauncher(script: string, fork: UtilityFork, prestarted: StartedUtilityPortal | null = null): EmbeddedPortalLauncher {
  let waiting = prestarted;
  return async (dataDir, logDir, stopping) => {
    const taken = waiting;
    waiting = null;
    const sameFolders = taken !== null && taken.dataDir === dataDir && taken.logDir === logDir;
    if (taken !== null && !sameFolders) await stopUtilityPortal(taken);
    const portal = sameFolders ? taken : forkUtilityPortal(script, fork, dataDir, logDir);
    const ended = portal.exited.then((code) => `it exited with code ${code}`);
    const ready = await waitForReadyLine(portal.child.stdout, ended, stopping).catch(async (error: unknown) => {
      await stopUtilityPortal(portal);
      throw error;
    });
    return { ...ready, stop: () => stopUtilityPortal(portal) };
  };
}
