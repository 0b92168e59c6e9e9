import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { proposeSeverity, SeverityAnswers, CONCURRENT_FAULTS_THRESHOLD } from '../../../../common/domain/severity';
import { i18n, languages, loadAreaLocales } from '../../lib/i18n';
import { nonProductionRule } from './severity-text';

const scopes = SeverityAnswers.shape.scope.options;
const impacts = SeverityAnswers.shape.impact.options;

/** Every class the rules give a test or development system, for up to twice the threshold of concurrent faults. */
function nonProductionClasses(): Set<string> {
  const found = new Set<string>();
  for (const system of ['test', 'dev'] as const)
    for (const scope of scopes)
      for (const impact of impacts)
        for (let concurrentFaults = 0; concurrentFaults <= 2 * CONCURRENT_FAULTS_THRESHOLD; concurrentFaults += 1)
          found.add(proposeSeverity({ system, scope, impact, concurrentFaults }).severity);
  return found;
}

// The support texts load with the signed-in shell; this test runs without jsdom, so vitest.setup.ts does not load them.
beforeAll(() => loadAreaLocales());

afterAll(async () => {
  await i18n.changeLanguage('en');
});

describe.each(languages)('the non-production rule text in %s', (language) => {
  it('names every class the rules give test and dev systems, and the threshold that raises it', async () => {
    await i18n.changeLanguage(language);
    const text = nonProductionRule(i18n.t);
    const classes = nonProductionClasses();
    expect([...classes].sort()).toEqual(['major', 'other']);
    for (const severity of classes) expect(text.toLowerCase()).toContain(i18n.t(`support:severity.${severity}`).toLowerCase());
    expect(text).toContain(String(CONCURRENT_FAULTS_THRESHOLD));
  });
});
