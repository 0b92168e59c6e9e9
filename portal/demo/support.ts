import type { PortalDb } from '../db/client';
import type { Actor } from '../auth/require-admin';
import { createTicket } from '../support/tickets';
import type { TicketCreate } from '../../common/portal-api/support';

const HOUR_MS = 60 * 60 * 1000;

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
  for (const { hoursAgo, ticket } of demoTickets()) {
    await createTicket({ db, actor: admin, now: new Date(now.getTime() - hoursAgo * HOUR_MS), idempotencyKey: null }, ticket);
  }
}
