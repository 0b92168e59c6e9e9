import { Checkbox, NumberInput, Select, Textarea, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ApplicationDefinition, ControlDefinition, FieldDefinition } from '../../../../../common/domain/application-definition';
import type { RecordValue } from '../../../../../common/domain/application-records';
import { isoToLocalInput, localInputToIso } from './field-capabilities';
import { formatValue, useRecordPage } from './preview-records';

interface PreviewInputProps {
  control: ControlDefinition;
  field: FieldDefinition | undefined;
  value: RecordValue;
  error: string | undefined;
  onChange: (value: RecordValue) => void;
  definition: ApplicationDefinition;
  applicationId: string | null;
  published: boolean;
}

const text = (value: RecordValue): string => (typeof value === 'string' ? value : value === null ? '' : String(value));

/** An input control as a portal user sees it, editing one value of the open record. */
export function PreviewInput({ control, field, value, error, onChange, definition, applicationId, published }: PreviewInputProps) {
  const common = { label: control.label, required: field?.required ?? false, error, 'data-testid': `preview-${control.id}` };
  const fromText = (next: string) => onChange(next === '' ? null : next);
  switch (control.kind) {
    case 'textarea':
      return <Textarea {...common} value={text(value)} onChange={(e) => onChange(e.currentTarget.value)} minRows={2} autosize maxRows={8} />;
    case 'number':
      return (
        <NumberInput
          {...common}
          value={typeof value === 'number' ? value : ''}
          allowDecimal={field?.type !== 'integer'}
          onChange={(next) => onChange(typeof next === 'number' ? next : null)}
        />
      );
    case 'date':
      return <TextInput {...common} type="date" value={text(value)} onChange={(e) => fromText(e.currentTarget.value)} />;
    case 'datetime':
      return <TextInput {...common} type="datetime-local" value={isoToLocalInput(typeof value === 'string' ? value : null)} onChange={(e) => onChange(localInputToIso(e.currentTarget.value))} />;
    case 'checkbox':
      return <Checkbox label={control.label} checked={value === true} onChange={(e) => onChange(e.currentTarget.checked)} error={error} data-testid={common['data-testid']} />;
    case 'dropdown':
      return (
        <Select
          {...common}
          data={uniqueChoices(field)}
          value={typeof value === 'string' && value !== '' ? value : null}
          onChange={(next) => onChange(next)}
          clearable
          allowDeselect={false}
        />
      );
    case 'reference':
      return <ReferenceInput {...common} field={field} value={value} onChange={onChange} definition={definition} applicationId={applicationId} published={published} />;
    case 'email':
      return <TextInput {...common} type="email" value={text(value)} onChange={(e) => fromText(e.currentTarget.value)} />;
    case 'url':
      return <TextInput {...common} type="url" value={text(value)} onChange={(e) => fromText(e.currentTarget.value)} placeholder="https://" />;
    default:
      // Text fields (text, e-mail and URL fields bound to a text field) and files (the file's name or address).
      return <TextInput {...common} value={text(value)} onChange={(e) => onChange(e.currentTarget.value)} />;
  }
}

function uniqueChoices(field: FieldDefinition | undefined): { value: string; label: string }[] {
  const seen = new Set<string>();
  return (field?.choices ?? [])
    .filter((choice) => choice.value.trim() !== '' && !seen.has(choice.value) && seen.add(choice.value))
    .map((choice) => ({ value: choice.value, label: choice.label || choice.value }));
}

/** Picks a record of the field's target group (its first 200, named by their first field). */
function ReferenceInput({ field, value, onChange, definition, applicationId, published, ...common }: {
  label: string;
  required: boolean;
  error: string | undefined;
  'data-testid': string;
  field: FieldDefinition | undefined;
  value: RecordValue;
  onChange: (value: RecordValue) => void;
  definition: ApplicationDefinition;
  applicationId: string | null;
  published: boolean;
}) {
  const { t, i18n } = useTranslation();
  const target = definition.dataGroups.find((group) => group.id === field?.referenceDataGroupId);
  const ready = published && applicationId !== null && target !== undefined;
  const records = useRecordPage(ready ? { applicationId, dataGroupId: target.id, offset: 0, limit: 200 } : null);
  const first = target?.fields[0];
  const options = (records.data?.items ?? []).map((record) => ({
    value: record.id,
    label: (first && formatValue(record.values[first.id] ?? null, first.type, target, first.id, t, i18n.language)) || record.id,
  }));
  const current = typeof value === 'string' && value !== '' ? value : null;
  if (current !== null && !options.some((option) => option.value === current)) options.push({ value: current, label: current });
  return <Select {...common} data={options} value={current} onChange={(next) => onChange(next)} clearable allowDeselect={false} searchable />;
}
