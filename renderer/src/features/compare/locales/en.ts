import type { SameShape } from '../../../lib/locale-shape';
import type de from './de';

const en: SameShape<typeof de> = {
  title: 'Compare portals',
  intro:
    'Compares this portal with one you are signed in to in another window or tab – test against production, say: security policy, function permissions, update settings, layouts, applications with their rights and versions, org structure. Differences are marked.',
  noneOpen: {
    title: 'No other portal open',
    text: 'Open the other portal with “Open another portal in a new window” in the user menu and sign in there; it then appears here.',
    again: 'Look again',
  },
  with: 'Compare with',
  run: 'Compare',
  reading: 'Reading both configurations …',
  here: 'This portal',
  there: 'Other portal',
  portalLine: '{{name}}, version {{version}}',
  allAlike: 'No differences.',
  differences_one: '{{count}} difference',
  differences_other: '{{count}} differences',
  alike_one: '{{count}} alike',
  alike_other: '{{count}} alike',
  present: 'present',
  absent: 'missing',
  unpublished: 'never published',
  version: 'version {{version}}',
  versionsTitle: 'Published versions of the applications',
  noApplications: 'Neither portal has applications.',
  columns: {
    item: 'Item',
    field: 'Field',
    application: 'Application',
  },
};

export default en;
