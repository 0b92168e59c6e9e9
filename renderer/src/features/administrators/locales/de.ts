const de = {
  title: 'Administratorrechte',
  intro:
    'Welche Bereiche der Konsole jede Administratorin und jeder Administrator benutzen darf (Portalrechte). Wer alle Bereiche hat, ist Vollzugriff-Administrator und erhält auch künftige Bereiche. Diese Rechte ändern darf nur, wer das Recht „Sicherheit“ hat.',
  areas: {
    users: 'Benutzer',
    rights: 'Rechte',
    applications: 'Applikationen',
    layouts: 'Layouts',
    updates: 'Updates',
    support: 'Support',
    diagnostics: 'Diagnose',
    security: 'Sicherheit (Richtlinie, Administratorrechte)',
    full_administrator: 'Vollzugriff',
  },
  list: {
    label: 'Administratoren',
    login: 'Anmeldename',
    name: 'Name',
    rights: 'Rechte',
    full: 'Vollzugriff',
    none: 'Nur eigene Sitzung',
    edit: 'Rechte von {{name}} bearbeiten',
  },
  editor: {
    title: 'Rechte von {{name}}',
    legend: 'Bereiche, die {{name}} benutzen darf',
    full: 'Vollzugriff (alle Bereiche, auch künftige)',
    save: 'Rechte speichern',
    cancel: 'Abbrechen',
    saved: 'Die Rechte von {{name}} sind gespeichert.',
    changedMeanwhile: 'Jemand hat die Rechte inzwischen geändert. Die aktuelle Fassung ist geladen; bitte prüfen und erneut speichern.',
    lastFull: 'Der letzte Administrator mit Vollzugriff muss ihn behalten. Geben Sie zuerst einer anderen Person Vollzugriff.',
    self: 'Das sind Ihre eigenen Rechte: Ohne „Sicherheit“ können Sie sie danach nicht mehr ändern.',
  },
  missingRight: {
    title: 'Kein Recht für diesen Bereich',
    message: 'Ihnen fehlt das Administratorrecht „{{right}}“. Eine Administratorin oder ein Administrator mit dem Recht „Sicherheit“ kann es Ihnen geben.',
    apiMessage: 'Ihnen fehlt das Administratorrecht „{{right}}“ für diese Aktion.',
    back: 'Zur Übersicht',
  },
};

export default de;
