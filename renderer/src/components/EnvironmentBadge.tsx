import { Badge, type BadgeProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Environment } from '../../../common/portal-api/common';
import { environmentColor } from '../lib/environment';

export function EnvironmentBadge({ environment, ...props }: { environment: Environment } & Omit<BadgeProps, 'color'>) {
  const { t } = useTranslation();
  return (
    <Badge color={environmentColor[environment]} variant="filled" data-environment={environment} {...props}>
      {t(`common:environment.${environment}`)}
    </Badge>
  );
}
