import type { LocaleTree } from '../../../lib/locale-shape';

const de = {
  title: 'Übersicht',
  portal: {
    heading: 'Portal',
    name: 'Name',
    version: 'Version',
    track: 'Release-Track',
    environment: 'Umgebung',
    timeZone: 'Zeitzone',
    supportPackage: 'Support-Paket',
  },
  session: {
    heading: 'Sitzung',
    user: 'Angemeldet als',
    login: 'Anmeldename',
    role: 'Rolle',
    admin: 'Administrator',
    member: 'Mitglied',
    profile: 'Verbindungsprofil',
    expiresAt: 'Sitzung gültig bis',
  },
  mustChangePassword: 'Ihr Passwort muss geändert werden, bevor Sie im Portal weiterarbeiten.',
} satisfies LocaleTree;

export default de;
