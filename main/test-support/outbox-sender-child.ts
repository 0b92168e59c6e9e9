/**
 * Tests only: a console's outbox sender in its own process, so a test can SIGKILL it mid-flight.
 * Env: OUTBOX_DIR, PORTAL_URL, PORTAL_SPKI, PORTAL_TOKEN, PROFILE_ID; optional TICKET_JSON adds that
 * ticket (as "the user pressed Send") with OUTBOX_ID as its id before flushing.
 * Prints one JSON line per step: {"step":"added"} / {"step":"flushed","sent":n}.
 */
import { createPinnedAgent } from '../services/pinning';
import { PortalClient } from '../services/portal-client';
import { TicketOutbox } from '../services/ticket-outbox';

function env(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === '') throw new Error(`${name} is not set`);
  return value;
}

async function main(): Promise<void> {
  const outbox = await TicketOutbox.open(env('OUTBOX_DIR'));
  const agent = createPinnedAgent({ primary: env('PORTAL_SPKI'), backup: null });
  const client = new PortalClient(env('PORTAL_URL'), agent, env('PORTAL_TOKEN'));
  const profileId = env('PROFILE_ID');
  if (process.env.TICKET_JSON) {
    await outbox.add({ id: env('OUTBOX_ID'), profileId, profileName: 'Crash test', request: JSON.parse(process.env.TICKET_JSON) });
    process.stdout.write(`${JSON.stringify({ step: 'added' })}\n`);
  }
  const sent = await outbox.flush((id) => (id === profileId ? client : null), { force: true });
  process.stdout.write(`${JSON.stringify({ step: 'flushed', sent, left: outbox.size })}\n`);
  await agent.close();
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
