import { describe, expect, it } from 'vitest';
import { deriveInstances, sameInstanceUrl } from './instances';

const urls = (production: string) => {
  const result = deriveInstances(production);
  if (!result.ok) throw new Error(result.reason);
  return Object.fromEntries(result.instances.map((instance) => [instance.environment, instance.url]));
};

describe('test and development instances (service description 2.3)', () => {
  it('"Diese Test- und Entwicklungsumgebungen werden über die URLs der Produktivumgebung mit dem Zusatz „-test“ bzw. „-dev“ bereitgestellt."', () => {
    expect(urls('https://kunde.example.de')).toEqual({ test: 'https://kunde-test.example.de/', dev: 'https://kunde-dev.example.de/' });
  });

  it('adds the suffix to the portal name of a custom domain (2.1: "z. B. myIntrexx.my-real-company.com"), lower-cased as hosts are', () => {
    expect(urls('https://myIntrexx.my-real-company.com/')).toEqual({
      test: 'https://myintrexx-test.my-real-company.com/',
      dev: 'https://myintrexx-dev.my-real-company.com/',
    });
  });

  it('keeps port and path, drops query and fragment', () => {
    expect(urls('https://kunde.example.de:8443/portal/start?x=1#top')).toEqual({
      test: 'https://kunde-test.example.de:8443/portal/start',
      dev: 'https://kunde-dev.example.de:8443/portal/start',
    });
  });

  it('works for a single-label host, an explicit default port and an internationalised name', () => {
    expect(urls('https://localhost:9443')).toEqual({ test: 'https://localhost-test:9443/', dev: 'https://localhost-dev:9443/' });
    expect(urls('https://kunde.example.de:443/')).toEqual({ test: 'https://kunde-test.example.de/', dev: 'https://kunde-dev.example.de/' });
    // The name as written: "-test" belongs to "bücher", not to its xn-- encoding.
    expect(urls('https://bücher.example').test).toBe('https://bücher-test.example/');
  });

  it('cannot derive instances of an address given as IP or of a name too long for DNS', () => {
    expect(deriveInstances('https://127.0.0.1:8443')).toEqual({ ok: false, reason: 'ip_address' });
    expect(deriveInstances('https://[::1]:8443')).toEqual({ ok: false, reason: 'ip_address' });
    expect(deriveInstances(`https://${'a'.repeat(60)}.example.de`)).toEqual({ ok: false, reason: 'label_too_long' });
    expect(deriveInstances('not a url')).toEqual({ ok: false, reason: 'invalid_url' });
    expect(deriveInstances('https://-kunde.example.de')).toEqual({ ok: false, reason: 'invalid_url' });
  });

  it('tells a profile of the same instance apart from another instance', () => {
    expect(sameInstanceUrl('https://kunde-test.example.de/', 'https://KUNDE-test.example.de')).toBe(true);
    expect(sameInstanceUrl('https://kunde-test.example.de:8443/', 'https://kunde-test.example.de/')).toBe(false);
    expect(sameInstanceUrl('https://kunde-dev.example.de/', 'https://kunde-test.example.de/')).toBe(false);
    expect(sameInstanceUrl('https://kunde-test.example.de:443', 'https://kunde-test.example.de/')).toBe(true);
  });
});
