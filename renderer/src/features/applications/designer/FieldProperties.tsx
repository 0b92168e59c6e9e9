import { Badge, Group, NumberInput, Select, Stack, Switch, Text, TextInput } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldTypes, type ApplicationDefinition, type FieldDefinition, type FieldType } from '../../../../../common/domain/application-definition';
import { ChoicesEditor } from './ChoicesEditor';
import { ConfirmButton } from './ConfirmButton';
import { controlsBoundTo, removeField, updateField } from './definition-ops';
import { useDesignerStore } from './designer-store';
import { compilePattern, defaultFitsType, fieldCapabilities, isoToLocalInput, localInputToIso, MAX_PRECISION } from './field-capabilities';

type FieldPatch = Partial<Omit<FieldDefinition, 'id'>>;

const numberOrNull = (value: string | number): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);

/** A field's name, type and every rule its type can carry. */
export function FieldProperties({ definition, dataGroupId, fieldId }: { definition: ApplicationDefinition; dataGroupId: string; fieldId: string }) {
  const { t } = useTranslation();
  const edit = useDesignerStore((state) => state.edit);
  const field = definition.dataGroups.find((group) => group.id === dataGroupId)?.fields.find((candidate) => candidate.id === fieldId);
  if (!field) return null;
  const change = (patch: FieldPatch) => edit((d) => updateField(d, dataGroupId, fieldId, patch));
  const can = fieldCapabilities(field.type);
  const bound = controlsBoundTo(definition, fieldId);
  return (
    <Stack gap="xs" data-testid="field-properties" data-type={field.type}>
      <TextInput label={t('applications:properties.fieldName')} value={field.name} onChange={(e) => change({ name: e.currentTarget.value })} data-testid="prop-field-name" />
      <Select
        label={t('applications:properties.type')}
        description={t('applications:properties.typeHint')}
        data={fieldTypes.map((type) => ({ value: type, label: t(`applications:types.${type}`) }))}
        value={field.type}
        onChange={(value) => value && change({ type: value as FieldType })}
        allowDeselect={false}
        data-testid="prop-field-type"
      />
      <Switch label={t('applications:properties.required')} checked={field.required} onChange={(e) => change({ required: e.currentTarget.checked })} data-testid="prop-required" />
      {can.unique && <Switch label={t('applications:properties.unique')} checked={field.unique} onChange={(e) => change({ unique: e.currentTarget.checked })} data-testid="prop-unique" />}
      {can.reference && <ReferenceTarget definition={definition} field={field} onChange={change} />}
      {can.choices && <ChoicesEditor choices={field.choices} onChange={(choices) => change({ choices })} />}
      {can.precision && (
        <NumberInput
          label={t('applications:properties.precision')}
          description={t('applications:properties.precisionHint')}
          min={0}
          max={MAX_PRECISION}
          allowDecimal={false}
          allowNegative={false}
          clampBehavior="strict"
          value={field.precision ?? ''}
          onChange={(value) => change({ precision: numberOrNull(value) })}
          data-testid="prop-precision"
        />
      )}
      {can.length && <Bounds field={field} kind="length" onChange={change} />}
      {can.range && <Bounds field={field} kind="range" onChange={change} />}
      {can.pattern && <PatternInput pattern={field.pattern} onChange={(pattern) => change({ pattern })} />}
      {can.defaultValue && <DefaultValueInput field={field} onChange={(defaultValue) => change({ defaultValue })} />}
      <ConfirmButton
        variant="subtle"
        leftSection={<IconTrash size={14} aria-hidden />}
        title={t('applications:properties.removeFieldTitle', { name: field.name })}
        message={bound > 0 ? t('applications:properties.removeFieldBound', { count: bound }) : t('applications:properties.removeFieldMessage')}
        confirmLabel={t('common:actions.delete')}
        onConfirm={() => edit((d) => removeField(d, dataGroupId, fieldId), null)}
        data-testid="remove-field"
      >
        {t('applications:properties.removeField')}
      </ConfirmButton>
    </Stack>
  );
}

function ReferenceTarget({ definition, field, onChange }: { definition: ApplicationDefinition; field: FieldDefinition; onChange: (patch: FieldPatch) => void }) {
  const { t } = useTranslation();
  const known = definition.dataGroups.some((group) => group.id === field.referenceDataGroupId);
  return (
    <Select
      label={t('applications:properties.referenceTarget')}
      description={t('applications:properties.referenceTargetHint')}
      data={definition.dataGroups.map((group) => ({ value: group.id, label: group.name || '…' }))}
      value={known ? field.referenceDataGroupId : null}
      placeholder={field.referenceDataGroupId !== null && !known ? t('applications:properties.missingGroup') : t('applications:properties.chooseGroup')}
      onChange={(referenceDataGroupId) => onChange({ referenceDataGroupId })}
      clearable
      allowDeselect={false}
      data-testid="prop-reference"
    />
  );
}

/** Minimum and maximum length (text-like fields) or value (numbers), each optional. */
function Bounds({ field, kind, onChange }: { field: FieldDefinition; kind: 'length' | 'range'; onChange: (patch: FieldPatch) => void }) {
  const { t } = useTranslation();
  const lower = kind === 'length' ? field.minLength : field.min;
  const upper = kind === 'length' ? field.maxLength : field.max;
  const crossed = lower !== null && upper !== null && lower > upper;
  const numeric = kind === 'range' ? { allowDecimal: field.type === 'decimal', decimalScale: field.precision ?? undefined } : { allowDecimal: false, allowNegative: false, min: 0 };
  return (
    <Stack gap={2}>
      <Group grow gap="xs" align="flex-start">
        <NumberInput
          label={t(kind === 'length' ? 'applications:properties.minLength' : 'applications:properties.min')}
          {...numeric}
          value={lower ?? ''}
          onChange={(value) => onChange(kind === 'length' ? { minLength: numberOrNull(value) } : { min: numberOrNull(value) })}
          data-testid={kind === 'length' ? 'prop-min-length' : 'prop-min'}
        />
        <NumberInput
          label={t(kind === 'length' ? 'applications:properties.maxLength' : 'applications:properties.max')}
          {...numeric}
          value={upper ?? ''}
          onChange={(value) => onChange(kind === 'length' ? { maxLength: numberOrNull(value) } : { max: numberOrNull(value) })}
          data-testid={kind === 'length' ? 'prop-max-length' : 'prop-max'}
        />
      </Group>
      <Text size="xs" c={crossed ? 'red' : 'dimmed'} role={crossed ? 'alert' : undefined} data-testid={`prop-${kind}-hint`}>
        {crossed ? t('applications:properties.boundsCrossed') : t('applications:properties.boundsHint')}
      </Text>
    </Stack>
  );
}

/** The pattern and a sample to try it on: says whether the sample matches the whole pattern. */
function PatternInput({ pattern, onChange }: { pattern: string | null; onChange: (pattern: string | null) => void }) {
  const { t } = useTranslation();
  const [sample, setSample] = useState('');
  const compiled = pattern === null || pattern === '' ? null : compilePattern(pattern);
  const invalid = pattern !== null && pattern !== '' && compiled === null;
  let verdict: 'none' | 'invalid' | 'match' | 'noMatch' = 'none';
  if (invalid) verdict = 'invalid';
  else if (compiled !== null && sample !== '') verdict = compiled.test(sample) ? 'match' : 'noMatch';
  return (
    <Stack gap={4}>
      <TextInput
        label={t('applications:properties.pattern')}
        description={t('applications:properties.patternHint')}
        value={pattern ?? ''}
        onChange={(e) => onChange(e.currentTarget.value === '' ? null : e.currentTarget.value)}
        error={invalid ? t('applications:properties.patternInvalid') : undefined}
        ff="monospace"
        data-testid="prop-pattern"
      />
      {pattern !== null && pattern !== '' && (
        <Group gap="xs" align="flex-end" wrap="nowrap">
          <TextInput size="xs" style={{ flex: 1 }} label={t('applications:properties.patternSample')} value={sample} onChange={(e) => setSample(e.currentTarget.value)} data-testid="prop-pattern-sample" />
          {verdict !== 'none' && (
            <Badge color={verdict === 'match' ? 'green' : 'red'} variant="light" aria-live="polite" data-testid="prop-pattern-result" data-verdict={verdict}>
              {t(`applications:properties.pattern_${verdict}`)}
            </Badge>
          )}
        </Group>
      )}
    </Stack>
  );
}

/** The default value in an input that fits the type; kept as text in the definition. */
function DefaultValueInput({ field, onChange }: { field: FieldDefinition; onChange: (value: string | null) => void }) {
  const { t } = useTranslation();
  const label = t('applications:properties.defaultValue');
  const description = t('applications:properties.defaultValueHint');
  const value = field.defaultValue;
  const testId = 'prop-default';
  const wrong = value !== null && !defaultFitsType(field, value) ? t('applications:properties.defaultInvalid') : undefined;
  const fromText = (text: string) => onChange(text === '' ? null : text);
  switch (field.type) {
    case 'integer':
    case 'decimal':
      return (
        <NumberInput
          label={label}
          description={description}
          allowDecimal={field.type === 'decimal'}
          decimalScale={field.type === 'decimal' ? (field.precision ?? undefined) : undefined}
          value={value ?? ''}
          onChange={(next) => onChange(typeof next === 'number' ? String(next) : next === '' || next === '-' ? null : next)}
          error={wrong}
          data-testid={testId}
        />
      );
    case 'boolean':
      return (
        <Select
          label={label}
          description={description}
          data={[
            { value: 'true', label: t('applications:properties.yes') },
            { value: 'false', label: t('applications:properties.no') },
          ]}
          value={value}
          onChange={onChange}
          clearable
          allowDeselect={false}
          placeholder={t('applications:properties.noDefault')}
          data-testid={testId}
        />
      );
    case 'choice':
      return (
        <Select
          label={label}
          description={description}
          data={dedupeChoices(field)}
          value={value !== null && field.choices.some((choice) => choice.value === value) ? value : null}
          onChange={onChange}
          clearable
          allowDeselect={false}
          placeholder={value !== null && wrong ? t('applications:properties.defaultMissingChoice', { value }) : t('applications:properties.noDefault')}
          error={wrong}
          data-testid={testId}
        />
      );
    case 'date':
      return <TextInput type="date" label={label} description={description} value={value ?? ''} onChange={(e) => fromText(e.currentTarget.value)} error={wrong} data-testid={testId} />;
    case 'dateTime':
      // Kept as an ISO date-time in UTC; shown and typed in local time.
      return (
        <TextInput
          type="datetime-local"
          label={label}
          description={description}
          value={isoToLocalInput(value)}
          onChange={(e) => onChange(localInputToIso(e.currentTarget.value))}
          error={wrong}
          data-testid={testId}
        />
      );
    default:
      return <TextInput label={label} description={description} value={value ?? ''} onChange={(e) => fromText(e.currentTarget.value)} data-testid={testId} />;
  }
}

/** Select options need unique values; a duplicate choice (reported by the validation) is offered once. */
function dedupeChoices(field: FieldDefinition): { value: string; label: string }[] {
  const seen = new Set<string>();
  return field.choices.filter((choice) => choice.value !== '' && !seen.has(choice.value) && seen.add(choice.value)).map((choice) => ({ value: choice.value, label: choice.label || choice.value }));
}
