import { Alert, Stack, Text } from '@mantine/core';
import { IconRefreshAlert } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { PrincipalRef } from '../../../../common/portal-api/rights';
import { ErrorAlert } from '../../components/ErrorAlert';
import { toConsoleError } from '../../lib/errors';
import { PathChain } from './parts';

const kinds = new Set(['user', 'group', 'role', 'distribution_list']);

/** The cycle a refused membership or move would have closed (409 membership_cycle / org_unit_cycle). */
export function cycleOf(error: unknown): { code: string; cycle: PrincipalRef[] } | null {
  const consoleError = toConsoleError(error);
  const { problemCode, cycle } = consoleError.details ?? {};
  if (consoleError.code !== 'CONFLICT' || !Array.isArray(cycle) || typeof problemCode !== 'string') return null;
  const steps = cycle.flatMap((step: unknown) => {
    if (typeof step !== 'object' || step === null) return [];
    const { id, kind, name } = step as Record<string, unknown>;
    if (typeof id !== 'string' || typeof name !== 'string') return [];
    return [{ id, name, kind: (typeof kind === 'string' && kinds.has(kind) ? kind : 'group') as PrincipalRef['kind'] }];
  });
  return { code: problemCode, cycle: steps };
}

/** A refused change: a named cycle in words and as a chain, any other error as the shared alert. */
export function ChangeError({ error, onClose }: { error: unknown; onClose?: () => void }) {
  const { t } = useTranslation();
  const found = cycleOf(error);
  if (found === null) return <ErrorAlert error={error} onClose={onClose} />;
  const names = found.cycle.map((step) => step.name).join(' → ');
  return (
    <Alert
      color="red"
      variant="light"
      icon={<IconRefreshAlert aria-hidden />}
      title={t('rights:cycle.title')}
      withCloseButton={onClose !== undefined}
      closeButtonLabel={t('common:actions.close')}
      onClose={onClose}
      data-testid="cycle-alert"
    >
      <Stack gap="xs">
        <Text size="sm">{t(found.code === 'org_unit_cycle' ? 'rights:cycle.orgUnit' : 'rights:cycle.membership', { cycle: names })}</Text>
        <PathChain path={found.cycle} />
      </Stack>
    </Alert>
  );
}
