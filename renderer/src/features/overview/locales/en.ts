import type { SameShape } from '../../../lib/locale-shape';
import type de from './de';

const en: SameShape<typeof de> = {
  title: 'Overview',
  portal: {
    heading: 'Portal',
    name: 'Name',
    version: 'Version',
    track: 'Release track',
    environment: 'Environment',
    timeZone: 'Time zone',
    supportPackage: 'Support package',
  },
  session: {
    heading: 'Session',
    user: 'Signed in as',
    login: 'Login',
    role: 'Role',
    admin: 'Administrator',
    member: 'Member',
    profile: 'Connection profile',
    expiresAt: 'Session valid until',
  },
  mustChangePassword: 'Your password must be changed before you continue working on the portal.',
};

export default en;
