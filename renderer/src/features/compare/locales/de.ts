const de = {
  title: 'Portale vergleichen',
  intro:
    'Vergleicht dieses Portal mit einem, an dem Sie in einem anderen Fenster oder Tab angemeldet sind – etwa Test mit Produktion: Sicherheitsrichtlinie, Funktionsrechte, Update-Einstellungen, Layouts, Applikationen mit ihren Rechten und Versionen, Organisationsstruktur. Unterschiede sind markiert.',
  noneOpen: {
    title: 'Kein anderes Portal geöffnet',
    text: 'Öffnen Sie das andere Portal über „Weiteres Portal in neuem Fenster öffnen“ im Benutzermenü und melden Sie sich dort an; danach erscheint es hier.',
    again: 'Erneut suchen',
  },
  with: 'Vergleichen mit',
  run: 'Vergleichen',
  reading: 'Beide Konfigurationen werden gelesen …',
  here: 'Dieses Portal',
  there: 'Anderes Portal',
  portalLine: '{{name}}, Version {{version}}',
  allAlike: 'Keine Unterschiede.',
  differences_one: '{{count}} Unterschied',
  differences_other: '{{count}} Unterschiede',
  alike_one: '{{count}} gleich',
  alike_other: '{{count}} gleich',
  present: 'vorhanden',
  absent: 'fehlt',
  unpublished: 'nie veröffentlicht',
  version: 'Version {{version}}',
  versionsTitle: 'Veröffentlichte Versionen der Applikationen',
  noApplications: 'Keines der Portale hat Applikationen.',
  columns: {
    item: 'Eintrag',
    field: 'Feld',
    application: 'Applikation',
  },
};

export default de;
