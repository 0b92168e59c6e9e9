import { describe, expect, it } from 'vitest';
import { ADMIN_AREAS } from '../../common/domain/admin-areas';
import { areasOfAccount, missingArea, undeclaredAreaMessage, UNDECLARED_AREA } from './admin-roles';

describe('the area a request lacks', () => {
  it("'self' routes are open to every administrator, also one without areas", () => {
    expect(missingArea('self', [])).toBeNull();
  });

  it('one declared area must be held, and is named when not', () => {
    expect(missingArea('users', ['users'])).toBeNull();
    expect(missingArea('users', ['applications', 'layouts'])).toBe('users');
  });

  it('of several areas one suffices; the first is named when none is held', () => {
    expect(missingArea(['diagnostics', 'support'], ['support'])).toBeNull();
    expect(missingArea(['diagnostics', 'support'], ['users'])).toBe('diagnostics');
  });

  it('allOf needs every area and names the first one missing', () => {
    expect(missingArea({ allOf: ['security', 'rights'] }, ['security', 'rights'])).toBeNull();
    expect(missingArea({ allOf: ['security', 'rights'] }, ['security'])).toBe('rights');
  });

  it('a route without a declared area is for full administrators only', () => {
    expect(missingArea(undefined, ADMIN_AREAS)).toBeNull();
    expect(missingArea(undefined, ADMIN_AREAS.slice(1))).toBe(UNDECLARED_AREA);
  });

  it('a member (activating an account) holds no area; an administrator stored as null holds all', () => {
    expect(areasOfAccount({ isAdmin: false, adminAreas: null })).toEqual([]);
    expect(areasOfAccount({ isAdmin: true, adminAreas: null })).toEqual([...ADMIN_AREAS]);
    expect(areasOfAccount({ isAdmin: true, adminAreas: ['layouts', 'applications'] })).toEqual(['applications', 'layouts']);
  });

  it('tells the author of a route without an area exactly what to add', () => {
    const message = undeclaredAreaMessage({ method: 'GET', url: '/api/v1/desk-reports' });
    expect(message).toContain('GET /api/v1/desk-reports declares no administrator area');
    expect(message).toContain("config: { adminArea: '<area>' }");
    expect(message).toContain('users, rights, applications, layouts, updates, support, diagnostics, security');
    expect(message).toContain('{ allOf:');
  });
});
