import { Box, Button, Checkbox, NumberInput, Select, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  controlHeight,
  GRID_COLUMNS,
  type ApplicationDefinition,
  type ControlDefinition,
  type FieldDefinition,
  type PageDefinition,
} from '../../../../../common/domain/application-definition';
import { ROW_HEIGHT } from './control-kinds';

/** The page as a portal user sees it: real inputs on the grid, with the fields' rules (required, length, choices). */
export function PagePreview({ page, definition }: { page: PageDefinition; definition: ApplicationDefinition }) {
  const { t } = useTranslation();
  const group = definition.dataGroups.find((candidate) => candidate.id === page.dataGroupId);
  const fieldOf = (control: ControlDefinition) => group?.fields.find((field) => field.id === control.fieldId);
  return (
    <Box p="md" bd="1px solid var(--mantine-color-gray-4)" bg="white" style={{ borderRadius: 4 }} data-testid="page-preview">
      <Title order={2} size="h3" mb="md">
        {page.title}
      </Title>
      {page.controls.length === 0 && <Text c="dimmed">{t('applications:preview.empty')}</Text>}
      <div style={{ display: 'grid', gridTemplateColumns: `repeat(${GRID_COLUMNS}, minmax(0, 1fr))`, gridAutoRows: `minmax(${ROW_HEIGHT}px, auto)`, columnGap: 12, rowGap: 8 }}>
        {page.controls.map((control) => (
          <div
            key={control.id}
            style={{
              gridColumn: `${control.x + 1} / span ${Math.max(1, Math.min(control.w, GRID_COLUMNS - control.x))}`,
              gridRow: `${control.y + 1} / span ${controlHeight(control)}`,
              alignSelf: 'end',
            }}
          >
            <PreviewControl control={control} field={fieldOf(control)} />
          </div>
        ))}
      </div>
    </Box>
  );
}

function PreviewControl({ control, field }: { control: ControlDefinition; field: FieldDefinition | undefined }) {
  const [text, setText] = useState('');
  const [checked, setChecked] = useState(false);
  const label = control.label;
  const required = field?.required ?? false;
  const testId = `preview-${control.id}`;
  switch (control.kind) {
    case 'textfield':
      return <TextInput label={label} required={required} maxLength={field?.maxLength ?? undefined} value={text} onChange={(e) => setText(e.currentTarget.value)} data-testid={testId} />;
    case 'textarea':
      return <Textarea label={label} required={required} maxLength={field?.maxLength ?? undefined} value={text} onChange={(e) => setText(e.currentTarget.value)} minRows={3} autosize data-testid={testId} />;
    case 'number':
      return <NumberInput label={label} required={required} data-testid={testId} />;
    case 'date':
      return <TextInput type="date" label={label} required={required} data-testid={testId} />;
    case 'checkbox':
      return <Checkbox label={label} checked={checked} onChange={(e) => setChecked(e.currentTarget.checked)} data-testid={testId} />;
    case 'dropdown':
      return <Select label={label} required={required} data={(field?.choices ?? []).filter((choice) => choice.value.trim() !== '').map((choice) => ({ value: choice.value, label: choice.label || choice.value }))} data-testid={testId} />;
    case 'label':
      return (
        <Text fw={600} size="lg" data-testid={testId}>
          {label}
        </Text>
      );
    case 'button':
      return (
        <Button fullWidth data-testid={testId}>
          {label}
        </Button>
      );
  }
}
