import { Box, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Environment } from '../../../common/portal-api/common';
import { environmentColor } from '../lib/environment';

export const ENVIRONMENT_BANNER_HEIGHT = 28;

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
      bg={`${color}.${environment === 'prod' ? 8 : 7}`}
      c="white"
      style={{ display: 'flex', alignItems: 'center', justifyContent: 'center' }}
    >
      <Text size="sm" fw={700} truncate>
        {t(`app:banner.${environment}`)}
      </Text>
    </Box>
  );
}
