import type { SameShape } from '../../../lib/locale-shape';
import type de from './de';

const en: SameShape<typeof de> = {
  title: 'Administrator rights',
  intro:
    'Which areas of the console each administrator may use (portal rights). Whoever holds every area is a full administrator and also gets areas added later. Only an administrator with the "Security" right may change these rights.',
  areas: {
    users: 'Users',
    rights: 'Rights',
    applications: 'Applications',
    layouts: 'Layouts',
    updates: 'Updates',
    support: 'Support',
    diagnostics: 'Diagnostics',
    security: 'Security (policy, administrator rights)',
    full_administrator: 'Full administrator',
  },
  list: {
    label: 'Administrators',
    login: 'Login',
    name: 'Name',
    rights: 'Rights',
    full: 'Full administrator',
    none: 'Own session only',
    edit: 'Edit the rights of {{name}}',
  },
  editor: {
    title: 'Rights of {{name}}',
    legend: 'Areas {{name}} may use',
    full: 'Full administrator (every area, also future ones)',
    save: 'Save rights',
    cancel: 'Cancel',
    saved: 'The rights of {{name}} are saved.',
    changedMeanwhile: 'Someone changed these rights in the meantime. The current version is loaded; please check and save again.',
    lastFull: 'The last full administrator must stay one. Make someone else a full administrator first.',
    self: 'These are your own rights: without "Security" you cannot change them afterwards.',
  },
  missingRight: {
    title: 'No right for this area',
    message: 'You lack the administrator right "{{right}}". An administrator with the "Security" right can give it to you.',
    apiMessage: 'You lack the administrator right "{{right}}" for this action.',
    back: 'To the overview',
  },
};

export default en;
