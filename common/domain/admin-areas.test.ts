import { describe, expect, it } from 'vitest';
import { ADMIN_AREAS, areasOfStored, isFullAdministrator, normaliseAreas, storedOfAreas } from './admin-areas';

describe('administrator areas', () => {
  it('has the eight areas of the issue, in navbar order', () => {
    expect(ADMIN_AREAS).toEqual(['users', 'rights', 'applications', 'layouts', 'updates', 'support', 'diagnostics', 'security']);
  });

  it('stores a full administrator as null, so areas added later are included', () => {
    expect(storedOfAreas([...ADMIN_AREAS].reverse())).toBeNull();
    expect(areasOfStored(null)).toEqual([...ADMIN_AREAS]);
    expect(isFullAdministrator(areasOfStored(null))).toBe(true);
  });

  it('keeps a restricted set in a stable order without duplicates', () => {
    expect(storedOfAreas(['layouts', 'applications', 'layouts'])).toEqual(['applications', 'layouts']);
    expect(normaliseAreas(['security', 'users'])).toEqual(['users', 'security']);
    expect(storedOfAreas([])).toEqual([]);
    expect(isFullAdministrator(['users'])).toBe(false);
  });

  it('drops stored names it does not know (an area removed in a later version grants nothing)', () => {
    expect(areasOfStored(['users', 'printing'])).toEqual(['users']);
  });
});
