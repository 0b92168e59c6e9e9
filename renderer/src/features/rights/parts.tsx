import { Badge, Group, Text } from '@mantine/core';
import { IconArrowRight, IconListDetails, IconShieldCheck, IconUser, IconUsersGroup, type TablerIcon } from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import { accessLevels, type AccessLevel } from '../../../../common/domain/access';
import type { PrincipalRef } from '../../../../common/portal-api/rights';

type Kind = PrincipalRef['kind'];

const kindColor: Record<Kind, string> = { user: 'gray', group: 'blue', role: 'violet', distribution_list: 'teal' };
const kindIcon: Record<Kind, TablerIcon> = { user: IconUser, group: IconUsersGroup, role: IconShieldCheck, distribution_list: IconListDetails };
const levelColor: Record<AccessLevel, string> = { none: 'red', read: 'blue', read_add: 'cyan', edit: 'orange', manage: 'grape' };

export function KindBadge({ kind }: { kind: Kind }) {
  const { t } = useTranslation();
  const Icon = kindIcon[kind];
  return (
    <Badge color={kindColor[kind]} variant="light" size="sm" leftSection={<Icon size={12} aria-hidden />} style={{ flexShrink: 0 }}>
      {t(`rights:kinds.${kind}`)}
    </Badge>
  );
}

export function LevelBadge({ level, testId }: { level: AccessLevel; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Badge color={levelColor[level]} variant="filled" data-testid={testId} data-level={level}>
      {t(`rights:levels.${level}`)}
    </Badge>
  );
}

/** A principal with its kind, name and (for users) login. */
export function PrincipalLabel({ principal, withDetail = true }: { principal: PrincipalRef; withDetail?: boolean }) {
  return (
    <Group gap={6} wrap="nowrap" style={{ minWidth: 0 }}>
      <KindBadge kind={principal.kind} />
      <Text size="sm" truncate>
        {principal.name}
      </Text>
      {withDetail && principal.kind === 'user' && principal.detail && (
        <Text size="xs" c="dimmed" truncate>
          {principal.detail}
        </Text>
      )}
    </Group>
  );
}

/** A membership path: each step is a member of the next. */
export function PathChain({ path }: { path: readonly PrincipalRef[] }) {
  const { t } = useTranslation();
  return (
    <Group gap={4} wrap="wrap" aria-label={t('rights:explain.pathLabel', { path: path.map((step) => step.name).join(' → ') })}>
      {path.map((step, index) => (
        <Fragment key={`${step.id}:${index}`}>
          {index > 0 && <IconArrowRight size={14} aria-hidden />}
          <Badge color={kindColor[step.kind]} variant={index === 0 ? 'outline' : 'light'} style={{ textTransform: 'none' }}>
            {step.name}
          </Badge>
        </Fragment>
      ))}
    </Group>
  );
}

export function levelOptions(t: TFunction) {
  return accessLevels.map((level) => ({ value: level, label: t(`rights:levels.${level}`) }));
}

export function kindLabel(t: TFunction, kind: Kind): string {
  return t(`rights:kinds.${kind}`);
}
