import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app } from 'electron';
import { enableMainCompileCache } from './shell/compile-cache';
import { electronUserDataDir, PRODUCT_NAME } from './user-data';

/*
 * The Electron entry: only what must come before the app's own modules. Node's compile cache is switched on
 * first, so that they compile from it on later launches (issue 14). Electron emits `ready` once this entry has
 * settled, so the app's setup before ready (sandbox, the app:// scheme) still runs in time.
 */
app.setName(PRODUCT_NAME);
enableMainCompileCache(electronUserDataDir(app.getPath.bind(app)));
const { startElectronShell } = await import('./electron-main');
startElectronShell(dirname(fileURLToPath(import.meta.url)));
