import { Badge, Button, Card, Drawer, Group, Stack, Text } from '@mantine/core';
import { IconArrowBackUp, IconGitCompare } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApplicationDefinition } from '../../../../../common/domain/application-definition';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { formatDateTime } from '../../../lib/format';
import { useLoadVersion, useVersions } from '../api';
import { ConfirmButton } from './ConfirmButton';
import { RollbackDialog } from './RollbackDialog';
import { VersionCompareDialog, type CompareSide } from './VersionCompareDialog';

/** Each count pluralised on its own: "1 data group, 3 fields", never "1 data groups". */
const countKinds = ['dataGroups', 'fields', 'pages', 'controls'] as const;

/**
 * Published versions, newest first: the changes of each against the one before (or any two against each
 * other, the draft included), loading one into the draft, rolling back to one (a new version).
 */
export function HistoryDrawer({ applicationId, opened, onClose, onLoad }: {
  applicationId: string;
  opened: boolean;
  onClose: () => void;
  onLoad: (definition: ApplicationDefinition, version: number) => void;
}) {
  const { t, i18n } = useTranslation();
  const versions = useVersions(applicationId);
  const load = useLoadVersion();
  const [compare, setCompare] = useState<{ before: CompareSide; after: CompareSide } | null>(null);
  const [rollbackTo, setRollbackTo] = useState<number | null>(null);
  const items = versions.data?.pages.flatMap((page) => page.items) ?? [];
  const dialogOpen = compare !== null || rollbackTo !== null;
  const numbers = items.map((item) => item.version);
  const previous = (version: number): CompareSide => (version === 1 ? 'empty' : `${version - 1}`);
  return (
    <>
      {/* While a dialog of its own is open the drawer lets go of focus and Escape, so Escape closes only the dialog. */}
      <Drawer
        opened={opened}
        onClose={onClose}
        position="right"
        size="md"
        title={t('applications:history.title')}
        trapFocus={!dialogOpen}
        closeOnEscape={!dialogOpen}
        data-testid="history-drawer"
      >
        <Stack gap="sm">
          {versions.error && <ErrorAlert error={versions.error} onRetry={() => void versions.refetch()} />}
          {load.error && <ErrorAlert error={load.error} />}
          {versions.isSuccess && items.length === 0 && <Text c="dimmed">{t('applications:history.empty')}</Text>}
          {items.length > 0 && (
            <Button
              variant="light"
              leftSection={<IconGitCompare size={16} aria-hidden />}
              onClick={() => setCompare({ before: `${items[0]!.version}`, after: 'draft' })}
              data-testid="compare-versions"
            >
              {t('applications:versions.compare.open')}
            </Button>
          )}
          {items.map((item, index) => (
            <Card key={item.version} withBorder padding="sm" data-testid={`version-${item.version}`}>
              <Stack gap="xs">
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
                  <Text size="xs" c="dimmed" data-testid={`version-${item.version}-counts`}>
                    {countKinds.map((kind) => t(`applications:history.counts.${kind}`, { count: item.counts[kind] })).join(', ')}
                  </Text>
                </Stack>
                <Group gap="xs">
                  <Button
                    size="xs"
                    variant="default"
                    onClick={() => setCompare({ before: previous(item.version), after: `${item.version}` })}
                    aria-label={t('applications:versions.changesOf', { version: item.version })}
                    data-testid={`version-${item.version}-changes`}
                  >
                    {t('applications:versions.changes')}
                  </Button>
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
                  {index > 0 && (
                    <Button
                      size="xs"
                      variant="light"
                      color="red"
                      leftSection={<IconArrowBackUp size={14} aria-hidden />}
                      onClick={() => setRollbackTo(item.version)}
                      aria-label={t('applications:versions.rollback.openFor', { version: item.version })}
                      data-testid={`version-${item.version}-rollback`}
                    >
                      {t('applications:versions.rollback.open')}
                    </Button>
                  )}
                </Group>
              </Stack>
            </Card>
          ))}
          {versions.hasNextPage && (
            <Button variant="default" onClick={() => void versions.fetchNextPage()} loading={versions.isFetchingNextPage}>
              {t('applications:history.more')}
            </Button>
          )}
        </Stack>
      </Drawer>
      {compare && <VersionCompareDialog applicationId={applicationId} versions={numbers} initial={compare} onClose={() => setCompare(null)} />}
      {rollbackTo !== null && (
        <RollbackDialog
          applicationId={applicationId}
          version={rollbackTo}
          onClose={() => setRollbackTo(null)}
          onDone={() => {
            setRollbackTo(null);
            onClose();
          }}
        />
      )}
    </>
  );
}
