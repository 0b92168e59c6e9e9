import { DateTime } from 'luxon';
import { monthlyWindow } from '../../common/domain/maintenance';
import type { PortalExecutor } from '../db/client';
import { outages } from '../db/schema';

type NewOutage = typeof outages.$inferInsert;

const MINUTE_MS = 60_000;
const RECORDER = 'support@hosting.example';

/**
 * Past outages for the availability board, relative to `now` in the portal's zone: last month a counted critical
 * outage and one inside the monthly maintenance window (not counted); two months back a major fault (not counted);
 * three months back a critical outage longer than the month's 0.5 % (the target missed).
 */
export function buildOutagesDemo(now: Date, zone: string): NewOutage[] {
  const month = (back: number) => DateTime.fromJSDate(now, { zone }).startOf('month').minus({ months: back });
  const local = (back: number, day: number, hour: number, minute: number) => month(back).set({ day, hour, minute }).toJSDate();
  const span = (start: Date, minutes: number) => ({ startedAt: start, endedAt: new Date(start.getTime() + minutes * MINUTE_MS) });
  const last = month(1);
  const window = monthlyWindow(last.year, last.month, zone);
  const row = (fields: Omit<NewOutage, 'recordedBy' | 'closedBy' | 'createdAt' | 'updatedAt'>): NewOutage => ({
    ...fields,
    recordedBy: RECORDER,
    closedBy: RECORDER,
    createdAt: fields.endedAt ?? fields.startedAt,
    updatedAt: fields.endedAt ?? fields.startedAt,
  });
  return [
    row({
      ...span(local(1, 12, 9, 40), 95),
      severity: 'critical',
      cause: 'nginx antwortete mit 502 Bad Gateway: der Portalserver hing nach einem Speicherengpass; Neustart um 11:15.',
    }),
    row({
      ...span(new Date(window.start.getTime() + 30 * MINUTE_MS), 120),
      severity: 'critical',
      cause: 'Portal während des monatlichen Wartungsfensters nicht erreichbar (Datenbank-Update). Angekündigte Wartung: zählt nicht.',
    }),
    row({
      ...span(local(2, 8, 14, 0), 180),
      severity: 'major',
      cause: 'Suche langsam (Indexneuaufbau); alle primären Funktionen verfügbar.',
    }),
    row({
      ...span(local(3, 20, 8, 0), 250),
      severity: 'critical',
      cause: 'Rechenzentrum: Ausfall der Speicheranbindung, Portal komplett nicht erreichbar.',
    }),
  ];
}

export async function seedOutagesDemo(tx: PortalExecutor, now: Date, zone: string): Promise<void> {
  await tx.insert(outages).values(buildOutagesDemo(now, zone));
}
