import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { responseTarget, severities, type Severity, type SupportPackage } from '../../../../common/domain/sla';
import { usePortalInfo } from '../../lib/session';

/** "Support package Professional: first response critical 2 h, major 8 h, other 48 h (support hours)". */
export function targetText(pkg: SupportPackage, severity: Severity, t: (key: string, values?: Record<string, unknown>) => string): string {
  const target = responseTarget(pkg, severity);
  if (target.kind === 'reasonable-effort') return t('support:package.reasonableEffort');
  return t(target.clock === '24/7' ? 'support:package.hoursAroundTheClock' : 'support:package.hoursSupportTime', { hours: target.hours });
}

export function SupportPackageLine() {
  const { t } = useTranslation();
  const portal = usePortalInfo();
  if (!portal.data) return null;
  const pkg = portal.data.supportPackage;
  const targets = severities.map((severity) => `${t(`support:severity.${severity}`)} ${targetText(pkg, severity, t)}`).join(' · ');
  return (
    <Text size="sm" c="dimmed" data-testid="support-package">
      {t('support:package.line', { package: t(`common:supportPackage.${pkg}`), targets })}
    </Text>
  );
}
