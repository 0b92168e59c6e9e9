import { Box, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Environment } from '../../../common/portal-api/common';
import { environmentColor } from '../lib/environment';
import { useSession } from '../lib/session';

export const ENVIRONMENT_BANNER_HEIGHT = 28;

/** The banner's shade of the environment colour: production a step darker. White text on it (theme.test.ts). */
export const bannerShade = (environment: Environment): number => (environment === 'prod' ? 8 : 7);

/**
 * A full-width stripe in the environment colour, so nobody mistakes production for a test system. It also says
 * when this window's session is read-only and when the profile and the portal declare different environments
 * (the colour is then the more sensitive of the two).
 */
export function EnvironmentBanner({ environment }: { environment: Environment }) {
  const { t } = useTranslation();
  const session = useSession(false).data;
  const color = environmentColor[environment];
  const mismatch = session?.environmentMismatch ?? null;
  const readOnly = session?.readOnly === true;
  const parts = [t(`app:banner.${environment}`)];
  if (readOnly) parts.push(t('app:banner.readOnly'));
  if (mismatch) {
    parts.push(
      t('app:banner.mismatch', { profile: t(`common:environment.${mismatch.profile}`), portal: t(`common:environment.${mismatch.portal}`) }),
    );
  }
  return (
    <Box
      role="note"
      data-testid="environment-banner"
      data-environment={environment}
      data-read-only={readOnly}
      data-mismatch={mismatch ? `${mismatch.profile}/${mismatch.portal}` : undefined}
      h={ENVIRONMENT_BANNER_HEIGHT}
      px="md"
      bg={`${color}.${bannerShade(environment)}`}
      c="white"
      style={{ display: 'flex', alignItems: 'center', justifyContent: 'center' }}
    >
      <Text size="sm" fw={700} truncate>
        {parts.join(' · ')}
      </Text>
    </Box>
  );
}
