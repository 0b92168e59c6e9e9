import type { z } from 'zod';
import { appContract } from './app';
import { profilesContract } from './profiles';
import { sessionContract } from './session';
import { rightsContract } from './rights';
import { updatesContract } from './updates';
import { supportContract } from './support';
import { usersContract } from './users';
import { designerContract } from './designer';
import { diagnosticsContract } from './diagnostics';
import { availabilityContract } from './availability';
import { instancesContract } from './instances';
import { configurationContract } from './configuration';
import { logFollowContract } from './log-follow';
import { compareContract } from './compare';
import { diagnosticsBundleContract } from './diagnostics-bundle';
import { directoryContract } from './directory';
import { administratorsContract } from './administrators';
import { applicationTransferContract } from './application-transfer';

export * from './define';
export * from './app';
export * from './profiles';
export * from './session';
export * from './updates';
export * from './rights';
export * from './support';
export * from './users';
export * from './designer';
export * from './diagnostics';
export * from './availability';
export * from './instances';
export * from './configuration';
export * from './log-follow';
export * from './compare';
export * from './diagnostics-bundle';
export * from './directory';
export * from './administrators';
export * from './application-transfer';
export * from './file-download';

/**
 * Every call the renderer may make. Feature contracts are spread in here, one line each.
 */
export const contract = {
  ...appContract,
  ...profilesContract,
  ...sessionContract,
  ...updatesContract,
  ...rightsContract,
  ...supportContract,
  ...usersContract,
  ...designerContract,
  ...diagnosticsContract,
  ...availabilityContract,
  ...instancesContract,
  ...configurationContract,
  ...logFollowContract,
  ...compareContract,
  ...diagnosticsBundleContract,
  ...directoryContract,
  ...administratorsContract,
  ...applicationTransferContract,
};

export type Contract = typeof contract;
export type Channel = keyof Contract;
export const channels = Object.keys(contract) as Channel[];
export type RequestOf<C extends Channel> = z.input<Contract[C]['request']>;
export type ParsedRequestOf<C extends Channel> = z.output<Contract[C]['request']>;
export type ResponseOf<C extends Channel> = z.output<Contract[C]['response']>;

/** The renderer's view: one async function per call. */
export type ConsoleApi = { [C in Channel]: (request: RequestOf<C>) => Promise<ResponseOf<C>> };
/** Main's implementation: receives requests already parsed by zod. */
export type ConsoleHandlers = { [C in Channel]: (request: ParsedRequestOf<C>) => Promise<ResponseOf<C>> };

export function isChannel(name: string): name is Channel {
  return Object.prototype.hasOwnProperty.call(contract, name);
}
