import { and, asc, eq, isNull, lte, or } from 'drizzle-orm';
import type { PortalExecutor } from '../db/client';
import { functionItems, users } from '../db/schema';

/** The demo's member side: three members who can sign in there, and news, calendar entries and links to read. */
export const DEMO_MEMBER_PASSWORD = 'Mitglied-Portal-2026';
export const DEMO_MEMBER_COUNT = 3;

const DAY_MS = 24 * 60 * 60 * 1000;

const NEWS = [
  ['Neues Intranet', 'Das neue Mitarbeiterportal ist online. Fragen bitte an die IT.'],
  ['Betriebsausflug', 'Der Betriebsausflug führt dieses Jahr an den Bodensee. Anmeldung bis Ende des Monats.'],
  ['Kantine', 'Ab Montag gibt es täglich ein vegetarisches Gericht.'],
] as const;
const CALENDAR = [
  ['Betriebsversammlung', 'Großer Saal, 10:00 Uhr', 7],
  ['Sommerfest', 'Innenhof, ab 16:00 Uhr', 30],
  ['Wartung des Portals', 'Monatliche Wartung ab 17:00 Uhr', 3],
] as const;
const LINKS = [
  ['Reisekostenrichtlinie', 'https://intranet.example.com/richtlinien/reisekosten'],
  ['IT-Hilfe', 'https://intranet.example.com/it/hilfe'],
] as const;

/**
 * The first enabled, unlocked non-administrators (by login) get DEMO_MEMBER_PASSWORD (one hash for all, so the demo
 * starts fast); the items are dated relative to `now` and written by the first of them.
 */
export async function seedMembersDemo(tx: PortalExecutor, now: Date, passwordHash: string): Promise<void> {
  const members = await tx
    .select({ id: users.id, displayName: users.displayName })
    .from(users)
    .where(and(eq(users.enabled, true), eq(users.isAdmin, false), or(isNull(users.lockedUntil), lte(users.lockedUntil, now))))
    .orderBy(asc(users.login))
    .limit(DEMO_MEMBER_COUNT);
  for (const member of members) {
    await tx.update(users).set({ passwordHash, passwordChangedAt: now, mustChangePassword: false, activationCodeHash: null }).where(eq(users.id, member.id));
  }
  const author = members[0];
  if (author === undefined) return;
  const by = { authorId: author.id, authorName: author.displayName };
  const at = (daysAgo: number) => new Date(now.getTime() - daysAgo * DAY_MS);
  await tx.insert(functionItems).values([
    ...NEWS.map(([title, body], index) => ({ function: 'news', title, body, createdAt: at(index + 1), ...by })),
    ...CALENDAR.map(([title, body, inDays], index) => ({ function: 'calendar', title, body, startsAt: new Date(now.getTime() + inDays * DAY_MS), createdAt: at(index + 2), ...by })),
    ...LINKS.map(([title, url], index) => ({ function: 'links', title, url, createdAt: at(index + 5), ...by })),
  ]);
}
