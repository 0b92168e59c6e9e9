import { describe, expect, it } from 'vitest';
import {
  newControlDefinition,
  newDataGroupDefinition,
  newFieldDefinition,
  type ApplicationDefinition,
} from '../../../../common/domain/application-definition';
import { defaultLayoutContent } from '../../../../common/domain/layout-rules';
import { applicationPageHtml, type ApplicationPageTexts } from './application-page';

const texts: ApplicationPageTexts = { portalName: 'Portal', nav: ['Start'], applicationName: 'CRM <neu>', noRecords: 'Keine Datensätze', noControls: 'Leer', image: 'Bild' };

const group = newDataGroupDefinition({
  id: 'g1',
  name: 'Kunden',
  tableName: 'kunden',
  fields: [
    newFieldDefinition({ id: 'f1', name: 'Name', type: 'text', required: true }),
    newFieldDefinition({ id: 'f2', name: 'Status', type: 'choice', choices: [{ value: 'a', label: 'Aktiv' }, { value: 'i', label: '<Inaktiv>' }] }),
  ],
});

const definition: ApplicationDefinition = {
  dataGroups: [group],
  pages: [
    {
      id: 'p1',
      title: 'Kunde & Kontakt',
      dataGroupId: 'g1',
      controls: [
        newControlDefinition({ id: 'c1', kind: 'textfield', label: 'Firmenname', fieldId: 'f1', x: 0, y: 0, w: 6 }),
        newControlDefinition({ id: 'c2', kind: 'dropdown', label: '', fieldId: 'f2', x: 6, y: 0, w: 6 }),
        newControlDefinition({ id: 'c3', kind: 'tabs', label: 'Reiter', fieldId: null, x: 0, y: 2, w: 12, h: 4, tabs: ['Allgemein', 'Mehr'] }),
        newControlDefinition({ id: 'c4', kind: 'label', label: 'Auf dem ersten Reiter', fieldId: null, x: 0, y: 3, w: 6, containerId: 'c3', tab: 0 }),
        newControlDefinition({ id: 'c5', kind: 'label', label: 'Auf dem zweiten Reiter', fieldId: null, x: 0, y: 3, w: 6, containerId: 'c3', tab: 1 }),
        newControlDefinition({
          id: 'c6',
          kind: 'table',
          label: 'Liste',
          fieldId: null,
          x: 0,
          y: 7,
          w: 12,
          h: 4,
          table: { dataGroupId: 'g1', columns: ['f1', 'created'], sort: null, filter: null, pageSize: 25, openPageId: null },
        }),
        newControlDefinition({ id: 'c7', kind: 'button', label: 'Speichern', fieldId: null, x: 0, y: 12, w: 3 }),
      ],
    },
  ],
};

describe('applicationPageHtml', () => {
  const html = applicationPageHtml({ ...defaultLayoutContent('X'), primaryColor: '#7b2d26', customCss: '.portal-input { border-color: gold }' }, definition, definition.pages[0]!, texts);

  it("shows the page's controls on the grid with the fields' captions, choices and required marks", () => {
    expect(html).toContain('<h1>Kunde &amp; Kontakt</h1>');
    expect(html).toContain('CRM &lt;neu&gt;');
    expect(html).toMatch(/<div class="portal-field" style="grid-column: 1 \/ span 6; grid-row: 1 \/ span 1;"><label for="control-0">Firmenname <span class="portal-required"/);
    expect(html).toContain('<input class="portal-input" type="text" id="control-0" required>');
    // An empty label takes the field's name; choice labels are escaped.
    expect(html).toContain('<label for="control-1">Status</label>');
    expect(html).toContain('<option>&lt;Inaktiv&gt;</option>');
    expect(html).toContain('<button class="portal-button" type="button" style="grid-column: 1 / span 3; grid-row: 13 / span 1;">Speichern</button>');
  });

  it('shows only the first tab of a tab set, and tables with their columns by name', () => {
    expect(html).toContain('<span role="tab" aria-selected="true">Allgemein</span><span role="tab" aria-selected="false">Mehr</span>');
    expect(html).toContain('Auf dem ersten Reiter');
    expect(html).not.toContain('Auf dem zweiten Reiter');
    expect(html).toContain('<th>Name</th><th>created</th>');
    expect(html).toContain('<td colspan="2">Keine Datensätze</td>');
  });

  it("wears the layout: its colours, then the custom CSS after the page's own styles", () => {
    expect(html).toContain('--portal-primary: #7b2d26');
    expect(html.indexOf('.portal-input { border-color: gold }')).toBeGreaterThan(html.indexOf('.portal-table {'));
  });

  it('says so for a page without controls', () => {
    const empty = applicationPageHtml(defaultLayoutContent('X'), definition, { id: 'p2', title: 'Leer', dataGroupId: null, controls: [] }, texts);
    expect(empty).toContain('<p>Leer</p>');
    expect(empty).not.toContain('portal-app-grid"');
  });
});
