import type { LocaleTree } from '../locale-shape';

const de = {
  actions: {
    cancel: 'Abbrechen',
    close: 'Schließen',
    save: 'Speichern',
    delete: 'Löschen',
    edit: 'Bearbeiten',
    retry: 'Erneut versuchen',
    back: 'Zurück',
  },
  colorPicker: {
    saturation: 'Sättigung',
    hue: 'Farbton',
    alpha: 'Deckkraft',
    eyeDropper: 'Farbe vom Bildschirm aufnehmen',
  },
  language: {
    label: 'Sprache',
    de: 'Deutsch',
    en: 'English',
  },
  environment: {
    prod: 'Produktion',
    test: 'Test',
    dev: 'Entwicklung',
  },
  track: {
    silent: 'Silent Track',
    steady: 'Steady Track',
  },
  supportPackage: {
    starter: 'Starter',
    advanced: 'Advanced',
    professional: 'Professional',
    premium: 'Premium',
  },
  loading: 'Wird geladen …',
  conflict: {
    title: 'Jemand anderes hat diesen Eintrag inzwischen geändert',
    intro: 'Ihre Änderung wurde nicht gespeichert. Vergleichen Sie beide Fassungen und entscheiden Sie, welche gelten soll. Abweichende Felder sind hervorgehoben.',
    field: 'Feld',
    mine: 'Ihre Fassung',
    theirs: 'Aktuelle Fassung im Portal',
    differs: 'abweichend',
    missing: '(nicht vorhanden)',
    differences_one: '{{count}} Feld weicht ab',
    differences_other: '{{count}} Felder weichen ab',
    keepMine: 'Meine Fassung speichern',
    takeTheirs: 'Aktuelle Fassung übernehmen',
  },
  errors: {
    technicalDetail: 'Technische Angabe: {{message}}',
    validationItem: '{{path}}: {{message}}',
    validationRoot: '(gesamte Eingabe)',
    pinExpected: 'Gespeicherter Pin: {{pin}}',
    pinBackup: 'Backup-Pin: {{pin}}',
    pinActual: 'Pin des vorgelegten Zertifikats: {{pin}}',
    VALIDATION: {
      title: 'Ungültige Eingabe',
      message: 'Einige Angaben sind nicht gültig. Bitte korrigieren Sie die genannten Felder; Ihre Eingaben bleiben erhalten.',
    },
    NOT_FOUND: {
      title: 'Nicht gefunden',
      message: 'Der Eintrag existiert nicht (mehr). Vielleicht wurde er inzwischen gelöscht.',
    },
    CONFLICT: {
      title: 'Konflikt',
      message: 'Die Änderung steht im Widerspruch zu vorhandenen Daten, zum Beispiel ist der Name bereits vergeben.',
    },
    PRECONDITION_FAILED: {
      title: 'Zwischenzeitlich geändert',
      message: 'Jemand anderes hat diesen Eintrag geändert, seit Sie ihn geöffnet haben. Nichts wurde überschrieben; vergleichen Sie beide Fassungen.',
    },
    PRECONDITION_REQUIRED: {
      title: 'Versionsangabe fehlt',
      message: 'Das Portal verlangt bei Änderungen die Version des Eintrags (If-Match). Laden Sie den Eintrag neu und versuchen Sie es noch einmal.',
    },
    INVALID_CREDENTIALS: {
      title: 'Anmeldung fehlgeschlagen',
      message: 'Anmeldename oder Passwort ist falsch.',
      activationCodeExpired: 'Dieser Aktivierungscode ist abgelaufen (Codes gelten {{days}} Tage). Bitten Sie eine Administratorin oder einen Administrator um einen neuen.',
    },
    ACCOUNT_LOCKED: {
      title: 'Konto gesperrt',
      message: 'Das Konto ist nach zu vielen Fehlversuchen vorübergehend gesperrt.',
      messageUntil: 'Das Konto ist nach zu vielen Fehlversuchen gesperrt bis {{until, datetime}}.',
    },
    PASSWORD_CHANGE_REQUIRED: {
      title: 'Passwortänderung erforderlich',
      message: 'Sie müssen Ihr Passwort ändern, bevor Sie weiterarbeiten können.',
    },
    FORBIDDEN: {
      title: 'Keine Berechtigung',
      message: 'Ihr Konto darf diese Aktion im Portal nicht ausführen.',
    },
    READ_ONLY: {
      title: 'Nur lesen',
      message: 'Dieses Portal ist nur zum Lesen geöffnet: Die Konsole sendet keine Änderungen dorthin. Melden Sie sich ohne „Nur lesen“ an, um etwas zu ändern.',
    },
    NOT_SIGNED_IN: {
      title: 'Nicht angemeldet',
      message: 'Bitte melden Sie sich zuerst an einem Portal an.',
    },
    SESSION_EXPIRED: {
      title: 'Sitzung abgelaufen',
      message: 'Ihre Sitzung ist abgelaufen. Bitte melden Sie sich erneut an.',
    },
    RATE_LIMITED: {
      title: 'Zu viele Anfragen',
      message: 'Das Portal nimmt gerade keine weiteren Anfragen an. Bitte warten Sie einen Moment.',
      messageRetry_one: 'Das Portal nimmt gerade keine weiteren Anfragen an. Bitte versuchen Sie es in {{count}} Sekunde erneut.',
      messageRetry_other: 'Das Portal nimmt gerade keine weiteren Anfragen an. Bitte versuchen Sie es in {{count}} Sekunden erneut.',
    },
    UNREACHABLE: {
      title: 'Nicht erreichbar',
      message: 'Die Verbindung konnte nicht hergestellt werden. Prüfen Sie Adresse, Netzwerk und ob das Portal läuft.',
    },
    TIMEOUT: {
      title: 'Zeitüberschreitung',
      message: 'Das Portal hat nicht rechtzeitig geantwortet. Bitte versuchen Sie es noch einmal.',
    },
    TLS_ERROR: {
      title: 'Sichere Verbindung fehlgeschlagen',
      message: 'Die TLS-Verbindung zum Portal ist fehlgeschlagen. Es wurden keine Zugangsdaten gesendet.',
    },
    TLS_UNTRUSTED: {
      title: 'Zertifikat noch nicht vertraut',
      message: 'Für dieses Profil ist noch kein Zertifikat gepinnt. Prüfen Sie das Zertifikat und vertrauen Sie ihm, bevor Sie sich anmelden.',
    },
    PIN_MISMATCH: {
      title: 'Zertifikat passt nicht zum Pin',
      message: 'Das Portal legt ein anderes Zertifikat vor als gepinnt. Die Verbindung wurde blockiert, es wurden keine Zugangsdaten gesendet. Das kann eine Zertifikatserneuerung sein, aber auch ein Angriff. Klären Sie den neuen Pin mit dem Betreiber, bevor Sie neu pinnen.',
    },
    SERVER_ERROR: {
      title: 'Fehler im Portal',
      message: 'Das Portal konnte die Anfrage wegen eines internen Fehlers nicht bearbeiten. Ihre Eingaben bleiben erhalten.',
    },
    MALFORMED_RESPONSE: {
      title: 'Unerwartete Antwort',
      message: 'Die Antwort passt nicht zum erwarteten Format. Möglicherweise passen Portal- und Console-Version nicht zusammen.',
    },
    PAYLOAD_TOO_LARGE: {
      title: 'Zu groß',
      message: 'Die gesendeten Daten sind zu groß für das Portal. Verkleinern Sie zum Beispiel Anhänge.',
    },
    KEYCHAIN_UNAVAILABLE: {
      title: 'Schlüsselbund nicht verfügbar',
      message: 'Der Schlüsselbund des Systems ist nicht verfügbar. Passwörter können nicht gespeichert werden; sie werden niemals im Klartext abgelegt.',
    },
    UNKNOWN_CHANNEL: {
      title: 'Funktion nicht vorhanden',
      message: 'Diese Funktion wird von dieser Console-Version nicht unterstützt.',
    },
    INTERNAL: {
      title: 'Interner Fehler',
      message: 'In der Console ist ein unerwarteter Fehler aufgetreten.',
    },
  },
} satisfies LocaleTree;

export default de;
