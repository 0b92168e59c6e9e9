import { Accordion, Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ReleaseTrack } from '../../../../common/portal-api/common';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useReleases } from './api';
import { KindBadge } from './parts';
import { ReleaseCard } from './ReleaseCard';
import { useUpdatesView } from './view';
import { formatZoned } from './zoned-format';

/** Pending releases of the portal's track, newest first, and the ones only the other track delivers. */
export function ReleasesPanel({ track }: { track: ReleaseTrack }) {
  const { t } = useTranslation();
  const { releases: all, zone, language } = useUpdatesView();
  const query = useReleases();
  if (query.error) return <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />;
  if (query.isPending) return <Text c="dimmed">{t('common:loading')}</Text>;
  const available = all.filter((release) => release.status === 'available');
  const otherTrack = all.filter((release) => release.status === 'not_on_track');
  return (
    <Stack gap="md">
      <Title order={2} size="h3">
        {t('updates:releases.heading')}
      </Title>
      {available.length === 0 && <Text c="dimmed">{t('updates:releases.none')}</Text>}
      {available.map((release) => (
        <ReleaseCard key={release.id} release={release} track={track} />
      ))}
      {query.hasNextPage && (
        <Group>
          <Button variant="default" loading={query.isFetchingNextPage} onClick={() => void query.fetchNextPage()}>
            {t('updates:releases.loadMore')}
          </Button>
        </Group>
      )}
      {otherTrack.length > 0 && (
        <Accordion variant="separated" data-testid="not-on-track">
          <Accordion.Item value="other-track">
            <Accordion.Control>{t('updates:releases.notOnTrack', { count: otherTrack.length })}</Accordion.Control>
            <Accordion.Panel>
              <Text size="sm" c="dimmed" mb="xs">
                {t('updates:releases.notOnTrackHint')}
              </Text>
              <Table>
                <Table.Tbody>
                  {otherTrack.map((release) => (
                    <Table.Tr key={release.id}>
                      <Table.Td>{release.version}</Table.Td>
                      <Table.Td>
                        <KindBadge kind={release.kind} />
                      </Table.Td>
                      <Table.Td>{release.title}</Table.Td>
                      <Table.Td>{formatZoned(release.releasedAt, language, zone)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Accordion.Panel>
          </Accordion.Item>
        </Accordion>
      )}
    </Stack>
  );
}
