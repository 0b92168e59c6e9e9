import { Alert, Badge, Button, Card, Container, Group, Select, Stack, Table, Text, Title } from '@mantine/core';
import { IconArrowsLeftRight, IconRefresh } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ComparedPortal, PortalComparison } from '../../../../common/contract';
import type { ApplicationVersions, ComparedItem, ComparedSection } from '../../../../common/domain/portal-comparison';
import { EnvironmentBadge } from '../../components/EnvironmentBadge';
import { ErrorAlert } from '../../components/ErrorAlert';
import { profileNameLabel } from '../../lib/profile-label';
import { useCompareCandidates, useComparePortals } from './api';

const DIFFERS_BG = 'var(--mantine-color-yellow-light)';

/** Compare this window's portal with one signed in in another window or tab: test against production. */
export function ComparePage() {
  const { t } = useTranslation();
  const candidates = useCompareCandidates();
  const compare = useComparePortals();
  const [other, setOther] = useState<string | null>(null);
  const options = (candidates.data ?? []).map((candidate) => ({
    value: candidate.profileId,
    label: `${profileNameLabel(candidate.profileId, candidate.profileName, t)} – ${candidate.portalName} (${t(`common:environment.${candidate.environment}`)})`,
  }));
  const chosen = options.some((option) => option.value === other) ? other : (options[0]?.value ?? null);
  return (
    <Container size="xl" py="md">
      <Stack gap="md">
        <Title order={1}>{t('compare:title')}</Title>
        <Text size="sm" maw={900}>
          {t('compare:intro')}
        </Text>
        {candidates.error && <ErrorAlert error={candidates.error} onRetry={() => void candidates.refetch()} />}
        {candidates.isSuccess && options.length === 0 && (
          <Alert color="blue" title={t('compare:noneOpen.title')} data-testid="compare-none-open">
            <Stack gap="xs" align="flex-start">
              <Text size="sm">{t('compare:noneOpen.text')}</Text>
              <Button size="xs" variant="default" leftSection={<IconRefresh size={14} aria-hidden />} onClick={() => void candidates.refetch()}>
                {t('compare:noneOpen.again')}
              </Button>
            </Stack>
          </Alert>
        )}
        {options.length > 0 && (
          <Group align="flex-end">
            <Select label={t('compare:with')} data={options} value={chosen} onChange={setOther} allowDeselect={false} w={420} data-testid="compare-with" />
            <Button
              leftSection={<IconArrowsLeftRight size={16} aria-hidden />}
              loading={compare.isPending}
              disabled={chosen === null}
              onClick={() => chosen !== null && compare.mutate(chosen)}
              data-testid="compare-run"
            >
              {t('compare:run')}
            </Button>
          </Group>
        )}
        {compare.isPending && <Text c="dimmed">{t('compare:reading')}</Text>}
        {compare.error && <ErrorAlert error={compare.error} />}
        {compare.data && !compare.isPending && <ComparisonView comparison={compare.data} />}
      </Stack>
    </Container>
  );
}

function PortalHeading({ label, portal }: { label: string; portal: ComparedPortal }) {
  const { t } = useTranslation();
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Group gap="xs">
        <Text fw={600}>{profileNameLabel(portal.profileId, portal.profileName, t)}</Text>
        <EnvironmentBadge environment={portal.environment} size="sm" />
      </Group>
      <Text size="sm">{t('compare:portalLine', { name: portal.portalName, version: portal.portalVersion })}</Text>
    </Stack>
  );
}

function ComparisonView({ comparison }: { comparison: PortalComparison }) {
  const { t } = useTranslation();
  const total = comparison.sections.reduce((sum, section) => sum + section.differences.length, 0);
  const versionDifferences = comparison.applicationVersions.filter((row) => row.here !== row.there).length;
  return (
    <Stack gap="md" data-testid="comparison">
      <Card withBorder>
        <Group grow align="flex-start">
          <PortalHeading label={t('compare:here')} portal={comparison.here} />
          <PortalHeading label={t('compare:there')} portal={comparison.there} />
        </Group>
        <Text mt="sm" fw={600} aria-live="polite" data-testid="comparison-total">
          {total + versionDifferences === 0 ? t('compare:allAlike') : t('compare:differences', { count: total + versionDifferences })}
        </Text>
      </Card>
      {comparison.sections.map((section) => (
        <SectionCard key={section.section} section={section} comparison={comparison} />
      ))}
      <VersionsCard rows={comparison.applicationVersions} comparison={comparison} />
    </Stack>
  );
}

function SectionCard({ section, comparison }: { section: ComparedSection; comparison: PortalComparison }) {
  const { t } = useTranslation();
  return (
    <Card withBorder data-testid="comparison-section" data-section={section.section}>
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h4">
          {t(`configuration:sections.${section.section}`)}
        </Title>
        <Group gap="xs">
          <Badge variant="light" color="gray">
            {t('compare:alike', { count: section.same })}
          </Badge>
          <Badge variant="light" color={section.differences.length === 0 ? 'green' : 'yellow'}>
            {t('compare:differences', { count: section.differences.length })}
          </Badge>
        </Group>
      </Group>
      {section.differences.length > 0 && (
        <Table striped={false} withTableBorder layout="fixed">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w="22%">{t('compare:columns.item')}</Table.Th>
              <Table.Th w="18%">{t('compare:columns.field')}</Table.Th>
              <Table.Th>{profileNameLabel(comparison.here.profileId, comparison.here.profileName, t)}</Table.Th>
              <Table.Th>{profileNameLabel(comparison.there.profileId, comparison.there.profileName, t)}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {section.differences.flatMap((item) => itemRows(item, section.section, t))}
          </Table.Tbody>
        </Table>
      )}
    </Card>
  );
}

type Translate = ReturnType<typeof useTranslation>['t'];

function itemLabel(item: ComparedItem, section: string, t: Translate): string {
  return section === 'securityPolicy' || section === 'updates' ? t(`configuration:sections.${section}`) : item.label;
}

function itemRows(item: ComparedItem, section: string, t: Translate) {
  const label = itemLabel(item, section, t);
  if (item.presence !== 'both') {
    const here = item.presence === 'onlyHere' ? t('compare:present') : t('compare:absent');
    const there = item.presence === 'onlyThere' ? t('compare:present') : t('compare:absent');
    return [
      <Table.Tr key={item.key} data-testid="comparison-row" data-presence={item.presence} style={{ background: DIFFERS_BG }}>
        <Table.Td>{label}</Table.Td>
        <Table.Td>–</Table.Td>
        <Table.Td>{here}</Table.Td>
        <Table.Td>{there}</Table.Td>
      </Table.Tr>,
    ];
  }
  return item.fields.map((field, index) => (
    <Table.Tr key={`${item.key}:${field.field}`} data-testid="comparison-row" data-presence="both" data-field={field.field}>
      <Table.Td>{index === 0 ? label : ''}</Table.Td>
      <Table.Td>
        <Text size="sm" ff="monospace">
          {field.field}
        </Text>
      </Table.Td>
      <Table.Td style={{ background: DIFFERS_BG, wordBreak: 'break-word' }}>{field.here}</Table.Td>
      <Table.Td style={{ background: DIFFERS_BG, wordBreak: 'break-word' }}>{field.there}</Table.Td>
    </Table.Tr>
  ));
}

function VersionsCard({ rows, comparison }: { rows: readonly ApplicationVersions[]; comparison: PortalComparison }) {
  const { t } = useTranslation();
  const version = (value: number | null) => (value === null ? t('compare:absent') : value === 0 ? t('compare:unpublished') : t('compare:version', { version: value }));
  return (
    <Card withBorder data-testid="comparison-versions">
      <Title order={2} size="h4" mb="xs">
        {t('compare:versionsTitle')}
      </Title>
      {rows.length === 0 ? (
        <Text c="dimmed">{t('compare:noApplications')}</Text>
      ) : (
        <Table withTableBorder layout="fixed">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('compare:columns.application')}</Table.Th>
              <Table.Th>{profileNameLabel(comparison.here.profileId, comparison.here.profileName, t)}</Table.Th>
              <Table.Th>{profileNameLabel(comparison.there.profileId, comparison.there.profileName, t)}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row) => {
              const differs = row.here !== row.there;
              return (
                <Table.Tr key={row.name} data-testid="version-row" data-differs={differs} style={differs ? { background: DIFFERS_BG } : undefined}>
                  <Table.Td>{row.name}</Table.Td>
                  <Table.Td>{version(row.here)}</Table.Td>
                  <Table.Td>{version(row.there)}</Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
    </Card>
  );
}
