import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { callAccesses, channels, contract, isPortalWrite, type Channel } from '../common/contract';

const contractDir = join(import.meta.dirname, '../common/contract');

/** The contract file that declares `channel` (for the message: where to add the marking). */
function fileOf(channel: string): string {
  const file = readdirSync(contractDir)
    .filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts'))
    .find((name) => readFileSync(join(contractDir, name), 'utf8').includes(`'${channel}':`));
  return file === undefined ? 'common/contract/' : `common/contract/${file}`;
}

describe('every contract call says whether it changes the portal', () => {
  it('has no unmarked call', () => {
    const unmarked = channels.filter((channel) => contract[channel].access === undefined);
    const fixes = unmarked.map(
      (channel) =>
        `  ${channel} in ${fileOf(channel)}: add the third argument of call(request, response, access): ` +
        `'read' if it changes nothing (a dry run counts as read), 'write' if it changes the portal (read-only workspaces refuse it), ` +
        `'local' if it changes only the console's own state (profiles, pins, sign-in, drafts, staged files)`,
    );
    expect(fixes, `Mark each of these contract calls (main refuses unmarked calls in read-only workspaces):\n${fixes.join('\n')}\n`).toEqual([]);
  });

  it('uses only the three kinds', () => {
    for (const channel of channels) expect(callAccesses, channel).toContain(contract[channel].access ?? 'read');
  });

  it('marks the calls that change the portal as writes, and the console-only ones not', () => {
    const writes = (list: Channel[]) => list.filter((channel) => isPortalWrite(contract[channel]));
    expect(writes(['users:create', 'users:delete', 'securityPolicy:update', 'support:create', 'session:changePassword'])).toHaveLength(5);
    expect(writes(['users:list', 'session:signIn', 'session:signOut', 'profiles:create', 'drafts:save', 'app:info'])).toEqual([]);
  });
});
