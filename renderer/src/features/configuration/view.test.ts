import { describe, expect, it } from 'vitest';
import type { ConfigurationImportPreview } from '../../../../common/portal-api/configuration';
import { carrySelection, defaultSelection, fieldDifferences, mappingList } from './view';

const preview: ConfigurationImportPreview = {
  source: { portalName: 'Test', portalVersion: '1.0.0' },
  exportedAt: '2026-12-05T03:00:00.000Z',
  etag: '"configuration.x"',
  sections: [
    {
      section: 'securityPolicy',
      changes: [
        {
          section: 'securityPolicy',
          key: 'securityPolicy',
          label: 'securityPolicy',
          kind: 'changed',
          fields: ['password.minLength', 'guests.allowedAreas'],
          before: { password: { minLength: 8 }, guests: { allowedAreas: [] } },
          after: { password: { minLength: 14 }, guests: { allowedAreas: ['news'] } },
        },
      ],
    },
    {
      section: 'layouts',
      changes: [
        { section: 'layouts', key: 'alt', label: 'Alt', kind: 'removed', fields: [], before: {}, after: null },
        { section: 'layouts', key: 'kaputt', label: 'Kaputt', kind: 'created', fields: [], before: null, after: {} },
        { section: 'layouts', key: 'neu', label: 'Neu', kind: 'created', fields: [], before: null, after: {} },
      ],
    },
  ],
  unmappedPrincipals: [],
  availablePrincipals: [{ kind: 'group', name: 'Vertrieb' }],
  contentIssues: [{ section: 'layouts', key: 'kaputt', label: 'Kaputt', path: 'primaryColor', message: 'not a colour' }],
};

describe('configuration import view', () => {
  it('preselects creations and changes the portal accepts, never removals', () => {
    expect([...defaultSelection(preview)].map((key) => key.split('\u0000')[1])).toEqual(['securityPolicy', 'neu']);
  });

  it('keeps what the administrator unticked or ticked when the preview is read again', () => {
    const ticked = new Set(['layouts\u0000alt']);
    expect([...carrySelection(ticked, preview, preview)]).toEqual(['layouts\u0000alt']);
  });

  it('shows plain values before and after, and only "changed" for lists', () => {
    expect(fieldDifferences(preview.sections[0]!.changes[0]!)).toEqual([
      { field: 'password.minLength', before: '8', after: '14' },
      { field: 'guests.allowedAreas', before: null, after: null },
    ]);
  });

  it('sends only decided names: a target of this portal or skip', () => {
    const names = [
      { kind: 'group' as const, name: 'Sales' },
      { kind: 'role' as const, name: 'Gast' },
      { kind: 'group' as const, name: 'Offen' },
    ];
    expect(mappingList({ 'group:sales': 'group:vertrieb', 'role:gast': 'skip', 'group:offen': '' }, names, preview.availablePrincipals)).toEqual([
      { from: { kind: 'group', name: 'Sales' }, to: { kind: 'group', name: 'Vertrieb' } },
      { from: { kind: 'role', name: 'Gast' }, to: null },
    ]);
  });
});
