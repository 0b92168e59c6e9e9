import { Badge, Table } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconCircleX } from '@tabler/icons-react';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { HealthStatus } from '../../../../common/portal-api/instance';

const statusLook: Record<HealthStatus, { color: string; Icon: typeof IconCircleCheck }> = {
  ok: { color: 'green', Icon: IconCircleCheck },
  warning: { color: 'yellow', Icon: IconAlertTriangle },
  error: { color: 'red', Icon: IconCircleX },
};

/** Colour, icon and word: the status never depends on colour alone. */
export function StatusBadge({ status, size = 'md' }: { status: HealthStatus; size?: 'sm' | 'md' | 'lg' }) {
  const { t } = useTranslation();
  const { color, Icon } = statusLook[status];
  return (
    <Badge color={color} variant="light" size={size} leftSection={<Icon size={14} aria-hidden />} data-status={status}>
      {t(`diagnostics:status.${status}`)}
    </Badge>
  );
}

/** Label/value rows of a card. */
export function Facts({ rows }: { rows: [string, ReactNode][] }) {
  return (
    <Table variant="vertical" layout="fixed" withTableBorder={false}>
      <Table.Tbody>
        {rows.map(([label, value]) => (
          <Table.Tr key={label}>
            <Table.Th w="45%" scope="row">
              {label}
            </Table.Th>
            <Table.Td style={{ overflowWrap: 'anywhere' }}>{value}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** The current time, refreshed every `intervalMs` (relative times and elapsed counters). */
export function useNow(intervalMs = 1_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
