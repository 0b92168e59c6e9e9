import {
  newControlDefinition,
  newDataGroupDefinition,
  newFieldDefinition,
  type ApplicationDefinition,
} from '../../../../../common/domain/application-definition';

/** Two versions of a small CRM for the version tests: v2 renames, retypes, adds and removes one of each. */
export const APP_ID = '00000000-0000-4000-8000-000000000001';
const GROUP = '00000000-0000-4000-8000-0000000000d1';
const NAME = '00000000-0000-4000-8000-0000000000f1';
const SIZE = '00000000-0000-4000-8000-0000000000f2';
const NOTES = '00000000-0000-4000-8000-0000000000f3';
const PHONE = '00000000-0000-4000-8000-0000000000f4';
const PAGE = '00000000-0000-4000-8000-0000000000b1';
const LIST = '00000000-0000-4000-8000-0000000000b2';

export const v1: ApplicationDefinition = {
  dataGroups: [
    newDataGroupDefinition({
      id: GROUP,
      name: 'Kunden',
      tableName: 'kunden',
      fields: [
        newFieldDefinition({ id: NAME, name: 'Name', type: 'text', required: true }),
        newFieldDefinition({ id: SIZE, name: 'Größe', type: 'text' }),
        newFieldDefinition({ id: NOTES, name: 'Notizen', type: 'longText' }),
      ],
    }),
  ],
  pages: [
    {
      id: PAGE,
      title: 'Kunde bearbeiten',
      dataGroupId: GROUP,
      controls: [newControlDefinition({ id: '00000000-0000-4000-8000-0000000000c1', kind: 'textfield', label: 'Name', fieldId: NAME, x: 0, y: 0, w: 6 })],
    },
  ],
};

export const v2: ApplicationDefinition = {
  dataGroups: [
    newDataGroupDefinition({
      id: GROUP,
      name: 'Kunden',
      tableName: 'kunden',
      fields: [
        newFieldDefinition({ id: NAME, name: 'Firmenname', type: 'text', required: true }),
        newFieldDefinition({ id: SIZE, name: 'Größe', type: 'integer' }),
        newFieldDefinition({ id: PHONE, name: 'Telefon', type: 'text' }),
      ],
    }),
  ],
  pages: [
    { ...v1.pages[0]!, controls: [{ ...v1.pages[0]!.controls[0]!, label: 'Firmenname', w: 8 }] },
    { id: LIST, title: 'Kundenliste', dataGroupId: GROUP, controls: [] },
  ],
};

export const ids = { GROUP, NAME, SIZE, NOTES, PHONE, PAGE, LIST, CONTROL: '00000000-0000-4000-8000-0000000000c1' };
