import { describe, expect, it } from 'vitest';
import { newControlDefinition, newDataGroupDefinition, newFieldDefinition, type ApplicationDefinition } from './application-definition';
import { checkApplicationContent } from './application-file';

/** One data group on one page; `extra` adds a field nobody shows (a warning) or an unbound input (an error). */
function application(extra: 'warning' | 'error' | 'none') {
  const definition: ApplicationDefinition = {
    dataGroups: [newDataGroupDefinition({ id: 'dg', name: 'Kunden', tableName: 'customers', fields: [newFieldDefinition({ id: 'f_name', name: 'Name', type: 'text' })] })],
    pages: [{ id: 'p', title: 'Kunde', dataGroupId: 'dg', controls: [newControlDefinition({ id: 'c_name', kind: 'textfield', label: 'Name', fieldId: 'f_name', x: 0, y: 0, w: 6 })] }],
  };
  if (extra === 'warning') definition.dataGroups[0]!.fields.push(newFieldDefinition({ id: 'f_note', name: 'Notiz', type: 'longText' }));
  if (extra === 'error') definition.pages[0]!.controls.push(newControlDefinition({ id: 'c_free', kind: 'textfield', label: 'Frei', x: 0, y: 1, w: 6 }));
  return { name: 'CRM', description: '', definition, rights: { defaultLevel: 'none' as const, entries: [] } };
}

describe('application file: designer rules on import', () => {
  it('imports a definition with warnings only, as publishing would accept it', () => {
    expect(checkApplicationContent(application('none'))).toBeNull();
    expect(checkApplicationContent(application('warning'))).toBeNull();
  });

  it('refuses a definition with an error and names the rule', () => {
    expect(checkApplicationContent(application('error'))).toMatchObject({ code: 'definition_invalid' });
  });
});
