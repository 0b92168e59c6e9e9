import { Alert, Badge } from '@mantine/core';
import { IconBan } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { ReleaseKind } from '../../../../common/portal-api/updates';
import { ErrorAlert } from '../../components/ErrorAlert';
import { toConsoleError } from '../../lib/errors';

const kindColor: Record<ReleaseKind, string> = { major: 'violet', minor: 'blue', security: 'red' };

export function KindBadge({ kind }: { kind: ReleaseKind }) {
  const { t } = useTranslation();
  return (
    <Badge color={kindColor[kind]} variant="light" data-testid={`kind-${kind}`}>
      {t(`updates:kind.${kind}`)}
    </Badge>
  );
}

/** The portal's refusal codes (problem+json `code`) that the console explains in its own words. */
const refusalKeys: Record<string, string> = {
  not_deferrable_security: 'not_deferrable_security',
  not_deferrable_minor: 'not_deferrable_minor',
  deferral_in_past: 'in_past',
  deferral_beyond_limit: 'beyond_limit',
  release_already_applied: 'release_already_applied',
  deferral_exists: 'deferral_exists',
};

/** The refusal key of an error the portal answered with one of the deferral rules; null for other errors. */
export function refusalKeyOf(error: unknown): string | null {
  const problemCode = toConsoleError(error).details?.problemCode;
  return typeof problemCode === 'string' ? (refusalKeys[problemCode] ?? null) : null;
}

/** A rule refusal explained (the limit in the portal's zone); any other error as the shared ErrorAlert. */
export function RefusalAlert({ error, limit }: { error: unknown; limit: string }) {
  const { t } = useTranslation();
  const key = refusalKeyOf(error);
  if (key === null) return <ErrorAlert error={error} />;
  return (
    <Alert color="red" variant="light" icon={<IconBan aria-hidden />} title={t('updates:refusal.title')} data-testid="deferral-refusal">
      {t(`updates:refusal.${key}`, { limit })}
    </Alert>
  );
}
