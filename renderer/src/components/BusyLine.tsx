import { Group, Loader, Text } from '@mantine/core';

/** A spinner with what is being done, announced as a status. */
export function BusyLine({ text }: { text: string }) {
  return (
    <Group gap="xs" role="status">
      <Loader size="sm" aria-hidden />
      <Text size="sm">{text}</Text>
    </Group>
  );
}
