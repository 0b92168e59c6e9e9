// Runs before the page paints (a classic script: the CSP allows no inline one). The start-up shell in
// index.html shows its line in the language the console will use: the stored choice, else German for
// German-speaking systems (detectLanguage in src/lib/i18n.ts, which replaces this once the app is loaded).
(function () {
  var stored = null;
  try {
    stored = window.localStorage.getItem('portal-console.language');
  } catch {
    // Storage may be disabled: the system language decides.
  }
  var language = stored === 'de' || stored === 'en' ? stored : /^de/i.test(navigator.language || '') ? 'de' : 'en';
  document.documentElement.lang = language;
})();
