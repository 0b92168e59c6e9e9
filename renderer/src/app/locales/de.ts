import type { LocaleTree } from '../../lib/locale-shape';

const de = {
  skipLink: 'Zum Inhalt springen',
  nav: {
    label: 'Hauptnavigation',
    overview: 'Übersicht',
    users: 'Benutzer',
    directory: 'Verzeichnis',
    rights: 'Rechte',
    applications: 'Applikationen',
    layouts: 'Layouts',
    updates: 'Updates',
    support: 'Support',
    diagnostics: 'Diagnose',
    administrators: 'Administratorrechte',
    configuration: 'Konfiguration übertragen',
    compare: 'Portale vergleichen',
  },
  header: {
    toggleNavigation: 'Navigation ein-/ausblenden',
    portalVersion: 'Version {{version}}',
    consoleVersion: 'Portal Console {{version}}',
  },
  banner: {
    prod: 'PRODUKTION – Änderungen wirken sofort auf das Live-Portal',
    test: 'TEST – Testsystem, Änderungen betreffen nicht das Live-Portal',
    dev: 'ENTWICKLUNG – Entwicklungssystem',
    readOnly: 'NUR LESEN – die Konsole sendet keine Änderungen',
    mismatch: 'Das Profil sagt {{profile}}, das Portal sagt {{portal}}',
  },
  userMenu: {
    open: '{{name}} – Benutzermenü',
    signedInAs: 'Angemeldet als {{name}}',
    changePassword: 'Passwort ändern …',
    switchPortal: 'Portal wechseln',
    signOut: 'Abmelden',
    openAnother: 'Weiteres Portal in neuem Fenster öffnen',
  },
  changePassword: {
    title: 'Passwort ändern',
    current: 'Aktuelles Passwort',
    next: 'Neues Passwort',
    repeat: 'Neues Passwort wiederholen',
    submit: 'Passwort ändern',
    required: 'Bitte ausfüllen.',
    mismatch: 'Die beiden neuen Passwörter stimmen nicht überein.',
    sameAsCurrent: 'Das neue Passwort muss sich vom aktuellen unterscheiden.',
    done: 'Ihr Passwort wurde geändert.',
  },
} satisfies LocaleTree;

export default de;
