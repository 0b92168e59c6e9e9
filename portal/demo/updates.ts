import { DateTime } from 'luxon';
import { monthlyWindows, type MaintenanceWindow } from '../../common/domain/maintenance';
import type { PortalExecutor } from '../db/client';
import {
  maintenanceAnnouncements,
  releases,
  updateHistory,
  type NewAnnouncementRow,
  type NewReleaseRow,
  type NewUpdateHistoryRow,
} from '../db/schema';
import { createRandom } from './prng';

// Demo data of the updates area: a release catalogue around the demo portal's version 12.0.3, the history
// of the last six monthly windows, three releases waiting for the next window (one of them the major 13.0.0,
// which may be deferred) and one announced critical maintenance. Dates are relative to `now`.

const UPDATES_SEED = 20_260_305;
const DAY_MS = 24 * 60 * 60_000;
const HOUR_MS = 60 * 60_000;
const HISTORY_WINDOWS = 6;

type ReleaseSpec = Omit<NewReleaseRow, 'id' | 'releasedAt'> & { tracks: Array<'silent' | 'steady'> };

const BOTH: Array<'silent' | 'steady'> = ['silent', 'steady'];

/** Applied ones, oldest first: each is applied in one of the last six monthly windows. */
const APPLIED: Array<ReleaseSpec & { daysBeforeWindow: number; fromVersion: string; minutes: number }> = [
  {
    version: '11.4.0',
    kind: 'minor',
    title: 'Verbesserte Suche und Protokollexport',
    tracks: BOTH,
    notes: 'Die Volltextsuche berücksichtigt Umlaute besser. Das Änderungsprotokoll lässt sich als CSV exportieren.',
    changes: ['Volltextsuche: Umlaute und ß werden gleich behandelt', 'Änderungsprotokoll als CSV exportierbar'],
    affectsCustomisations: false,
    daysBeforeWindow: 9,
    fromVersion: '11.3.2',
    minutes: 35,
  },
  {
    version: '11.4.1',
    kind: 'security',
    title: 'Sicherheitsupdate für den Datei-Upload',
    tracks: BOTH,
    notes: 'Behebt eine Schwachstelle beim Hochladen von Dateien mit manipulierten Dateinamen.',
    changes: ['Dateinamen beim Upload werden strenger geprüft'],
    affectsCustomisations: false,
    daysBeforeWindow: 4,
    fromVersion: '11.4.0',
    minutes: 15,
  },
  {
    version: '12.0.0',
    kind: 'major',
    title: 'Portal 12: neues Layout-System',
    tracks: BOTH,
    notes:
      'Version 12 bringt ein neues Layout-System mit responsiven Rastern und eine überarbeitete Rechteverwaltung.\n\n' +
      'Eigene Layouts und Skripte müssen an die neue Struktur angepasst werden; dafür ist der Kunde verantwortlich.',
    changes: [
      'Neues Layout-System mit responsiven Rastern',
      'Rechteverwaltung mit Rollen und Verteilerlisten',
      'Alte Layout-Vorlagen werden nicht mehr unterstützt',
    ],
    affectsCustomisations: true,
    daysBeforeWindow: 12,
    fromVersion: '11.4.1',
    minutes: 140,
  },
  {
    version: '12.0.1',
    kind: 'security',
    title: 'Sicherheitsupdate für Sitzungen',
    tracks: BOTH,
    notes: 'Sitzungen werden nach einer Passwortänderung auf allen Geräten beendet.',
    changes: ['Passwortänderung beendet alle anderen Sitzungen'],
    affectsCustomisations: false,
    daysBeforeWindow: 6,
    fromVersion: '12.0.0',
    minutes: 20,
  },
  {
    version: '12.0.2',
    kind: 'minor',
    title: 'Fehlerbehebungen im Layout-System',
    tracks: BOTH,
    notes: 'Behebt Darstellungsfehler in Tabellen und beim Drucken.',
    changes: ['Tabellen brechen auf schmalen Bildschirmen korrekt um', 'Druckansicht ohne Navigationsleiste'],
    affectsCustomisations: false,
    daysBeforeWindow: 10,
    fromVersion: '12.0.1',
    minutes: 30,
  },
  {
    version: '12.0.3',
    kind: 'security',
    title: 'Sicherheitsupdate für die Anmeldung',
    tracks: BOTH,
    notes: 'Härtet die Anmeldung gegen das Durchprobieren von Passwörtern.',
    changes: ['Zusätzliche Begrenzung fehlgeschlagener Anmeldungen je Adresse'],
    affectsCustomisations: false,
    daysBeforeWindow: 3,
    fromVersion: '12.0.2',
    minutes: 15,
  },
];

/** Not applied yet; `at` places the release between the last window and now (0 = right after the window). */
const PENDING: Array<ReleaseSpec & { at: number }> = [
  {
    version: '12.1.0',
    kind: 'minor',
    title: 'Neue Dashboard-Widgets',
    tracks: ['steady'],
    notes: 'Neue Widgets für Kennzahlen und Aufgaben auf der Startseite. Nur auf dem Steady Track.',
    changes: ['Widgets für Kennzahlen und offene Aufgaben', 'Startseite pro Rolle konfigurierbar'],
    affectsCustomisations: false,
    at: 0.25,
  },
  {
    version: '13.0.0',
    kind: 'major',
    title: 'Portal 13: neue Workflow-Engine',
    tracks: BOTH,
    notes:
      'Version 13 ersetzt die bisherige Prozesssteuerung durch eine neue Workflow-Engine und führt eine REST-Schnittstelle ' +
      'für alle Anwendungen ein.\n\nEigene Prozesse und Skripte müssen angepasst werden; dafür ist der Kunde verantwortlich. ' +
      'Das Update kann bis zu sechs Monate nach Erscheinen aufgeschoben werden.',
    changes: [
      'Neue Workflow-Engine ersetzt die bisherige Prozesssteuerung',
      'REST-Schnittstelle für alle Anwendungen',
      'Skript-API: veraltete Funktionen entfernt',
      'Mindestanforderung Browser: aktuelle Versionen von Chrome, Edge, Firefox, Safari',
    ],
    affectsCustomisations: true,
    at: 0.5,
  },
  {
    version: '12.0.4',
    kind: 'security',
    title: 'Sicherheitsupdate für Formulare',
    tracks: BOTH,
    notes: 'Behebt eine Schwachstelle (Cross-Site-Scripting) in Formularfeldern mit Rich-Text.',
    changes: ['Rich-Text-Felder filtern eingebettete Skripte'],
    affectsCustomisations: false,
    at: 0.8,
  },
];

export interface UpdatesDemoData {
  releases: Array<NewReleaseRow & { id: string }>;
  history: NewUpdateHistoryRow[];
  announcements: NewAnnouncementRow[];
}

/** The last `count` monthly windows that have ended by `now`, oldest first. */
function pastWindows(now: Date, zone: string, count: number): MaintenanceWindow[] {
  const from = new Date(now.getTime() - (count + 2) * 31 * DAY_MS);
  return monthlyWindows(from, now, zone)
    .filter((window) => window.end.getTime() <= now.getTime())
    .slice(-count);
}

function criticalAnnouncement(now: Date, zone: string): NewAnnouncementRow {
  // Five days ahead at 20:00 portal time: well beyond the 72-hour notice, announced yesterday.
  const start = DateTime.fromJSDate(now, { zone }).plus({ days: 5 }).set({ hour: 20, minute: 0, second: 0, millisecond: 0 }).toJSDate();
  return {
    title: 'Notfallwartung Datenbank-Cluster',
    description: 'Austausch eines Speichersystems im Rechenzentrum. Das Portal ist bis zu 30 Minuten nicht erreichbar.',
    start,
    end: new Date(start.getTime() + 2 * HOUR_MS),
    announcedAt: new Date(now.getTime() - DAY_MS),
    announcedBy: 'betrieb@hosting.example',
  };
}

/** Deterministic apart from the dates, which follow the real calendar of the portal's zone around `now`. */
export function buildUpdatesDemo(now: Date, zone: string): UpdatesDemoData {
  const random = createRandom(UPDATES_SEED);
  const windows = pastWindows(now, zone, HISTORY_WINDOWS);
  const applied = APPLIED.slice(-windows.length).map((spec, index) => ({ spec, window: windows[index] as MaintenanceWindow }));
  const lastWindowEnd = windows.at(-1)?.end ?? new Date(now.getTime() - 30 * DAY_MS);
  const releaseRows: UpdatesDemoData['releases'] = [];
  const history: NewUpdateHistoryRow[] = [];

  for (const { spec, window } of applied) {
    const { daysBeforeWindow, fromVersion, minutes, ...release } = spec;
    const id = random.uuid();
    releaseRows.push({ ...release, id, releasedAt: new Date(window.start.getTime() - daysBeforeWindow * DAY_MS) });
    const appliedAt = new Date(window.start.getTime() + 10 * 60_000);
    history.push({
      id: random.uuid(),
      releaseId: id,
      version: release.version,
      kind: release.kind,
      fromVersion,
      appliedAt,
      finishedAt: new Date(appliedAt.getTime() + minutes * 60_000),
      windowId: window.id,
      outcome: 'succeeded',
      notes: release.kind === 'major' ? 'Nach Freigabe durch die IT eingespielt.' : '',
    });
  }
  const pendingSpan = now.getTime() - lastWindowEnd.getTime();
  for (const { at, ...release } of PENDING) {
    releaseRows.push({ ...release, id: random.uuid(), releasedAt: new Date(lastWindowEnd.getTime() + Math.floor(at * pendingSpan)) });
  }
  return { releases: releaseRows, history, announcements: [criticalAnnouncement(now, zone)] };
}

/** Inserts the updates demo data; called from seedDemoData inside its transaction. */
export async function seedUpdatesDemo(tx: PortalExecutor, now: Date, zone: string): Promise<UpdatesDemoData> {
  const data = buildUpdatesDemo(now, zone);
  await tx.insert(releases).values(data.releases);
  await tx.insert(updateHistory).values(data.history);
  await tx.insert(maintenanceAnnouncements).values(data.announcements);
  return data;
}
