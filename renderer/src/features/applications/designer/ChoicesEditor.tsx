import { ActionIcon, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { ChoiceOption } from '../../../../../common/domain/application-definition';

/** Moves the item at `from` to `to` (both inside the list); returns a new list. */
export function moveItem<T>(items: readonly T[], from: number, to: number): T[] {
  if (to < 0 || to >= items.length || from === to) return [...items];
  const next = [...items];
  const [item] = next.splice(from, 1);
  next.splice(to, 0, item as T);
  return next;
}

/** The values of a choice field with the labels users see: add, edit, move up/down, remove. */
export function ChoicesEditor({ choices, onChange }: { choices: readonly ChoiceOption[]; onChange: (choices: ChoiceOption[]) => void }) {
  const { t } = useTranslation();
  const set = (index: number, patch: Partial<ChoiceOption>) => onChange(choices.map((choice, i) => (i === index ? { ...choice, ...patch } : choice)));
  return (
    <Stack gap={4} data-testid="choices-editor" role="group" aria-label={t('applications:properties.choices')}>
      <Text size="sm" fw={500}>
        {t('applications:properties.choices')}
      </Text>
      {choices.length === 0 && (
        <Text size="xs" c="dimmed">
          {t('applications:properties.choicesEmpty')}
        </Text>
      )}
      {choices.map((choice, index) => (
        // Rows are edited in place; the index is the identity while a value is being typed.
        <Group key={index} gap={4} wrap="nowrap" align="flex-end" data-testid={`choice-row-${index}`}>
          <TextInput
            size="xs"
            style={{ flex: 1 }}
            label={index === 0 ? t('applications:properties.choiceValue') : undefined}
            aria-label={t('applications:properties.choiceValueN', { n: index + 1 })}
            value={choice.value}
            onChange={(e) => set(index, { value: e.currentTarget.value })}
            ff="monospace"
            data-testid={`choice-value-${index}`}
          />
          <TextInput
            size="xs"
            style={{ flex: 1 }}
            label={index === 0 ? t('applications:properties.choiceLabel') : undefined}
            aria-label={t('applications:properties.choiceLabelN', { n: index + 1 })}
            value={choice.label}
            onChange={(e) => set(index, { label: e.currentTarget.value })}
            data-testid={`choice-label-${index}`}
          />
          <ActionIcon variant="subtle" size="sm" disabled={index === 0} onClick={() => onChange(moveItem(choices, index, index - 1))} aria-label={t('applications:properties.moveUpN', { n: index + 1 })} data-testid={`choice-up-${index}`}>
            <IconArrowUp size={14} />
          </ActionIcon>
          <ActionIcon
            variant="subtle"
            size="sm"
            disabled={index === choices.length - 1}
            onClick={() => onChange(moveItem(choices, index, index + 1))}
            aria-label={t('applications:properties.moveDownN', { n: index + 1 })}
            data-testid={`choice-down-${index}`}
          >
            <IconArrowDown size={14} />
          </ActionIcon>
          <ActionIcon variant="subtle" color="red" size="sm" onClick={() => onChange(choices.filter((_choice, i) => i !== index))} aria-label={t('applications:properties.removeChoiceN', { n: index + 1 })} data-testid={`choice-remove-${index}`}>
            <IconTrash size={14} />
          </ActionIcon>
        </Group>
      ))}
      <Button
        size="xs"
        variant="light"
        leftSection={<IconPlus size={14} aria-hidden />}
        onClick={() => onChange([...choices, { value: '', label: '' }])}
        disabled={choices.length >= 200}
        data-testid="choice-add"
      >
        {t('applications:properties.addChoice')}
      </Button>
    </Stack>
  );
}
