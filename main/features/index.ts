import type { ConsoleHandlers } from '../../common/contract';
import type { BackendContext } from '../context';
import { coreHandlers } from './core';
import { updatesHandlers } from './updates';
import { rightsHandlers } from './rights';
import { supportHandlers } from './support';
import { usersHandlers } from './users';
import { designerHandlers } from './designer';
import { backupTransferHandlers } from './backup-transfers';
import { diagnosticsHandlers } from './diagnostics';
import { availabilityHandlers } from './availability';
import { instancesHandlers } from './instances';
import { configurationHandlers } from './configuration';
import { logFollowHandlers } from './log-follow';
import { compareHandlers } from './compare';
import { diagnosticsBundleHandlers } from './diagnostics-bundle';
import { directoryHandlers } from './directory';
import { administratorsHandlers } from './administrators';
import { applicationTransferHandlers } from './application-transfer';

/**
 * Every feature's handlers. A feature adds its module and ONE line here; the type below fails
 * to compile until every channel of the contract has a handler.
 */
export function allHandlers(ctx: BackendContext): ConsoleHandlers {
  return {
    ...coreHandlers(ctx),
    ...rightsHandlers(ctx),
    ...updatesHandlers(ctx),
    ...supportHandlers(ctx),
    ...usersHandlers(ctx),
    ...designerHandlers(ctx),
    ...diagnosticsHandlers(ctx),
    ...backupTransferHandlers(ctx),
    ...availabilityHandlers(ctx),
    ...instancesHandlers(ctx),
    ...configurationHandlers(ctx),
    ...logFollowHandlers(ctx),
    ...compareHandlers(ctx),
    ...diagnosticsBundleHandlers(ctx),
    ...directoryHandlers(ctx),
    ...administratorsHandlers(ctx),
    ...applicationTransferHandlers(ctx),
  };
}
