import { fileNameSlug } from './file-name-slug';

/**
 * `Portal Müller & Co` on 2026-12-05 -> `portal-mueller-co-configuration-2026-12-05.json`: the name the portal gives
 * its export, and the one the console's save dialog offers before it asks the portal for anything.
 */
export function configurationFileName(portalName: string, now: Date, timeZone: string): string {
  const slug = fileNameSlug(portalName);
  let day: string;
  try {
    day = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
  } catch {
    day = now.toISOString().slice(0, 10);
  }
  return `${slug || 'portal'}-configuration-${day}.json`;
}
