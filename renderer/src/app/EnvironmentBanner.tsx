import { Box, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Environment } from '../../../common/portal-api/common';
import { environmentColor } from '../lib/environment';

export const ENVIRONMENT_BANNER_HEIGHT = 28;

/** The banner's shade of the environment colour: production a step darker. White text on it (theme.test.ts). */
export const bannerShade = (environment: Environment): number => (environment === 'prod' ? 8 : 7);

/** A full-width stripe in the environment colour, so nobody mistakes production for a test system. */
export function EnvironmentBanner({ environment }: { environment: Environment }) {
  const { t } = useTranslation();
  const color = environmentColor[environment];
  return (
    <Box
      role="note"
      data-testid="environment-banner"
      data-environment={environment}
      h={ENVIRONMENT_BANNER_HEIGHT}
      px="md"
      bg={`${color}.${bannerShade(environment)}`}
      c="white"
      style={{ display: 'flex', alignItems: 'center', justifyContent: 'center' }}
    >
      <Text size="sm" fw={700} truncate>
        {t(`app:banner.${environment}`)}
      </Text>
    </Box>
  );
}
