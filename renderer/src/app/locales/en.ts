import type { SameShape } from '../../lib/locale-shape';
import type de from './de';

const en: SameShape<typeof de> = {
  skipLink: 'Skip to content',
  nav: {
    label: 'Main navigation',
    overview: 'Overview',
    users: 'Users',
    directory: 'Directory',
    rights: 'Rights',
    applications: 'Applications',
    layouts: 'Layouts',
    updates: 'Updates',
    support: 'Support',
    diagnostics: 'Diagnostics',
    administrators: 'Administrator rights',
    configuration: 'Transfer',
    compare: 'Compare portals',
  },
  header: {
    toggleNavigation: 'Show or hide navigation',
    portalVersion: 'Version {{version}}',
    consoleVersion: 'Portal Console {{version}}',
  },
  banner: {
    prod: 'PRODUCTION – changes take effect on the live portal',
    test: 'TEST – test system, changes do not affect the live portal',
    dev: 'DEVELOPMENT – development system',
    readOnly: 'READ-ONLY – the console sends no changes',
    mismatch: 'The profile says {{profile}}, the portal says {{portal}}',
  },
  userMenu: {
    open: '{{name}} – user menu',
    signedInAs: 'Signed in as {{name}}',
    changePassword: 'Change password …',
    switchPortal: 'Switch portal',
    signOut: 'Sign out',
    openAnother: 'Open another portal in a new window',
  },
  changePassword: {
    title: 'Change password',
    current: 'Current password',
    next: 'New password',
    repeat: 'Repeat new password',
    submit: 'Change password',
    required: 'Please fill in.',
    mismatch: 'The two new passwords do not match.',
    sameAsCurrent: 'The new password must differ from the current one.',
    done: 'Your password was changed.',
  },
};

export default en;
