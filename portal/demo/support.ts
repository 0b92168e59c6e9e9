import type { PortalDb } from '../db/client';
import type { Actor } from '../auth/require-admin';
import { createAgent } from '../support/agents';
import { addAgentMessage } from '../support/desk';
import { createTicket } from '../support/tickets';
import type { TicketCreate } from '../../common/portal-api/support';

const HOUR_MS = 60 * 60 * 1000;

/** The demo's support desk agent (sign in at /desk/api/v1/sessions); not a portal administrator. */
export const DEMO_AGENT = { login: 'support', password: 'Desk-Agent-2026', displayName: 'Sabine Support' } as const;

const contact = {
  name: 'Administrator',
  email: 'admin@muster-gmbh.de',
  phone: '+49 711 123456-0',
  availability: 'Mo–Fr 8–18 Uhr',
} satisfies TicketCreate['contact'];

/** Two open tickets filed a while ago, so the support area shows deadlines and time left from the first start. */
function demoTickets(): { hoursAgo: number; ticket: TicketCreate }[] {
  return [
    {
      hoursAgo: 26,
      ticket: {
        subject: 'Urlaubsantrag: Genehmigung bleibt bei „In Prüfung“ hängen',
        answers: { system: 'production', scope: 'primary-application', impact: 'significant-restriction', concurrentFaults: 1 },
        area: { kind: 'application', applicationId: null, name: 'Urlaubsantrag' },
        severity: 'major',
        severityReason: null,
        report: {
          steps: '1. Als Mitarbeiterin einen Urlaubsantrag für Mai stellen\n2. Als Vorgesetzter unter „Meine Aufgaben“ auf „Genehmigen“ klicken\n3. Den Antrag erneut öffnen',
          expected: 'Der Antrag steht auf „Genehmigt“ und die Mitarbeiterin erhält eine E-Mail.',
          actual: 'Der Status bleibt „In Prüfung“, im Protokoll steht „Workflow-Schritt 3 abgebrochen: Timeout nach 30 s“. Es kommt keine E-Mail.',
          details: 'Betrifft seit dem letzten Update alle Abteilungen; Anträge aus dem April sind nicht betroffen.',
        },
        contact,
        attachments: [],
      },
    },
    {
      hoursAgo: 3,
      ticket: {
        subject: 'Frage: Wie lange werden Sicherungen aufbewahrt?',
        answers: { system: 'production', scope: 'question', impact: 'none', concurrentFaults: 0 },
        area: { kind: 'portal' },
        severity: 'other',
        severityReason: null,
        report: {
          steps: '',
          expected: '',
          actual: '',
          details: 'Unsere Revision fragt, wie viele tägliche Sicherungen des Portals vorgehalten werden und ob wir eine Sicherung vom Monatsende länger aufbewahren lassen können.',
        },
        contact,
        attachments: [],
      },
    },
  ];
}

/** Runs after the demo transaction: createTicket opens its own transaction (PGlite has a single connection). */
export async function seedSupportDemo(db: PortalDb, now: Date, admin: Actor): Promise<void> {
  const agent = await createAgent(db, DEMO_AGENT, null, now);
  const filed = [];
  for (const { hoursAgo, ticket } of demoTickets()) {
    filed.push(await createTicket({ db, actor: admin, now: new Date(now.getTime() - hoursAgo * HOUR_MS), idempotencyKey: null }, ticket));
  }
  // The older ticket got its first answer two hours after it was filed: the console shows it unread and "met".
  const older = filed[0]?.value.ticket;
  if (older !== undefined) {
    const answeredAt = new Date(Date.parse(older.createdAt) + 2 * HOUR_MS);
    const body = 'Danke für die Meldung. Wir sehen den abgebrochenen Workflow-Schritt im Protokoll und prüfen den Timeout; Rückmeldung bis morgen Mittag.';
    await addAgentMessage({ db, agent, now: answeredAt }, older.id, body, 'message');
  }
}
