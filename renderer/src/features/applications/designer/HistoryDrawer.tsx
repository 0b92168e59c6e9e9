import { Badge, Button, Card, Drawer, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ApplicationDefinition } from '../../../../../common/domain/application-definition';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { formatDateTime } from '../../../lib/format';
import { useLoadVersion, useVersions } from '../api';
import { ConfirmButton } from './ConfirmButton';

/** Each count pluralised on its own: "1 data group, 3 fields", never "1 data groups". */
const countKinds = ['dataGroups', 'fields', 'pages', 'controls'] as const;

/** Published versions, newest first; any of them can be loaded into the draft to continue from it. */
export function HistoryDrawer({ applicationId, opened, onClose, onLoad }: {
  applicationId: string;
  opened: boolean;
  onClose: () => void;
  onLoad: (definition: ApplicationDefinition, version: number) => void;
}) {
  const { t, i18n } = useTranslation();
  const versions = useVersions(applicationId);
  const load = useLoadVersion();
  const items = versions.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <Drawer opened={opened} onClose={onClose} position="right" size="md" title={t('applications:history.title')} data-testid="history-drawer">
      <Stack gap="sm">
        {versions.error && <ErrorAlert error={versions.error} onRetry={() => void versions.refetch()} />}
        {load.error && <ErrorAlert error={load.error} />}
        {versions.isSuccess && items.length === 0 && <Text c="dimmed">{t('applications:history.empty')}</Text>}
        {items.map((item, index) => (
          <Card key={item.version} withBorder padding="sm" data-testid={`version-${item.version}`}>
            <Group justify="space-between" align="flex-start" wrap="nowrap">
              <Stack gap={2}>
                <Group gap="xs">
                  <Text fw={700}>{t('applications:history.version', { version: item.version })}</Text>
                  {index === 0 && (
                    <Badge size="sm" color="green" variant="light">
                      {t('applications:history.current')}
                    </Badge>
                  )}
                </Group>
                <Text size="sm">{t('applications:history.published', { at: formatDateTime(item.publishedAt, i18n.language), by: item.publishedBy })}</Text>
                {item.comment && (
                  <Text size="sm" fs="italic">
                    {item.comment}
                  </Text>
                )}
                <Text size="xs" c="dimmed">
                  {countKinds.map((kind) => t(`applications:history.counts.${kind}`, { count: item.counts[kind] })).join(', ')}
                </Text>
              </Stack>
              <ConfirmButton
                size="xs"
                variant="default"
                color="gray"
                loading={load.isPending && load.variables.version === item.version}
                title={t('applications:history.loadTitle', { version: item.version })}
                message={t('applications:history.loadMessage')}
                confirmLabel={t('applications:history.load')}
                onConfirm={() =>
                  load.mutate({ applicationId, version: item.version }, { onSuccess: (doc) => onLoad(doc.definition, doc.version) })
                }
              >
                {t('applications:history.load')}
              </ConfirmButton>
            </Group>
          </Card>
        ))}
        {versions.hasNextPage && (
          <Button variant="default" onClick={() => void versions.fetchNextPage()} loading={versions.isFetchingNextPage}>
            {t('applications:history.more')}
          </Button>
        )}
      </Stack>
    </Drawer>
  );
}
