import { ActionIcon, Badge, Button, Card, Grid, Group, NavLink, Select, Stack, Table, Text, Title, Tooltip, VisuallyHidden } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconFileSpreadsheet, IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { MatrixExport, VersionedApplicationRights } from '../../../../common/contract';
import { isAccessLevel, type AccessLevel } from '../../../../common/domain/access';
import type { ApplicationRightsDoc, PrincipalRef } from '../../../../common/portal-api/rights';
import { ErrorAlert } from '../../components/ErrorAlert';
import { followDownload } from '../../lib/download';
import { useApplicationRights, useApplications, useExportMatrix, useSaveApplicationRights } from './api';
import { ChangeError } from './ChangeError';
import { LevelBadge, levelOptions, PrincipalLabel } from './parts';
import { PrincipalPicker } from './PrincipalPicker';
import { draftOf, isDirty, rightsForComparison, toSaveRequest, withDefault, withEntry, withoutEntry, type RightsDraft } from './rights-draft';
import { useRightsConflict } from './use-rights-conflict';

/** Browser mode: the browser downloads the file as it streams; Electron saved it already (the rows counted on the way). */
function exportedMessage(t: TFunction, result: MatrixExport): string | null {
  if (result.kind === 'url') return t('rights:applications.downloading', { filename: result.file });
  if (result.kind === 'saved') return t('rights:applications.exported', { filename: result.path, count: Math.max(0, result.lines - 1) });
  return null;
}

/** Per application: rights entries and the default for all other members; export of the effective matrix. */
export function ApplicationRightsTab() {
  const { t } = useTranslation();
  const { id } = useParams();
  const applications = useApplications();
  const exportMatrix = useExportMatrix();

  const download = () =>
    exportMatrix.mutate(undefined, {
      onSuccess: (result) => {
        followDownload(result);
        const message = exportedMessage(t, result);
        if (message !== null) notifications.show({ color: 'green', message });
      },
    });

  return (
    <Grid gutter="md">
      <Grid.Col span={{ base: 12, md: 3 }}>
        <Card withBorder padding="sm">
          <Stack gap="xs">
            <Title order={2} size="h5">
              {t('rights:applications.heading')}
            </Title>
            {applications.error && <ErrorAlert error={applications.error} onRetry={() => void applications.refetch()} />}
            {applications.isPending && <Text c="dimmed">{t('common:loading')}</Text>}
            <nav aria-label={t('rights:applications.heading')}>
              {applications.data?.map((app) => (
                <NavLink
                  key={app.id}
                  component={Link}
                  to={`/rights/applications/${app.id}`}
                  active={app.id === id}
                  aria-current={app.id === id ? 'page' : undefined}
                  label={app.name}
                  description={t('rights:applications.summary', { count: app.entryCount, level: t(`rights:levels.${app.defaultLevel}`) })}
                  data-testid={`application-${app.name}`}
                />
              ))}
            </nav>
            <Button
              variant="light"
              leftSection={<IconFileSpreadsheet size={16} aria-hidden />}
              loading={exportMatrix.isPending}
              onClick={download}
              data-testid="export-matrix"
            >
              {t('rights:applications.export')}
            </Button>
            <Text size="xs" c="dimmed">
              {t('rights:applications.exportHint')}
            </Text>
            {exportMatrix.error && <ErrorAlert error={exportMatrix.error} onClose={() => exportMatrix.reset()} />}
          </Stack>
        </Card>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 9 }}>
        {id ? (
          <RightsEditor key={id} applicationId={id} />
        ) : (
          <Card withBorder>
            <Text c="dimmed">{t('rights:applications.pick')}</Text>
          </Card>
        )}
      </Grid.Col>
    </Grid>
  );
}

function RightsEditor({ applicationId }: { applicationId: string }) {
  const { t } = useTranslation();
  const rights = useApplicationRights(applicationId);
  if (rights.error) return <ErrorAlert error={rights.error} onRetry={() => void rights.refetch()} />;
  if (!rights.data) return <Text c="dimmed">{t('common:loading')}</Text>;
  return <RightsForm latest={rights.data} />;
}

function RightsForm({ latest }: { latest: VersionedApplicationRights }) {
  const { t } = useTranslation();
  const save = useSaveApplicationRights();
  const { offer, dialog } = useRightsConflict(save.isPending);
  // The version the draft is based on; saving sends its ETag so concurrent changes surface as a 412.
  const [base, setBase] = useState(latest);
  const [draft, setDraft] = useState<RightsDraft>(() => draftOf(latest.value));
  const [candidate, setCandidate] = useState<PrincipalRef | null>(null);
  const [candidateLevel, setCandidateLevel] = useState<AccessLevel>('read');
  const dirty = isDirty(draft, base.value);
  const adopt = (next: VersionedApplicationRights) => {
    setBase(next);
    setDraft(draftOf(next.value));
  };
  if (latest.etag !== base.etag && !dirty) adopt(latest);

  const labels = {
    level: (level: AccessLevel) => t(`rights:levels.${level}`),
    kind: (kind: PrincipalRef['kind']) => t(`rights:kinds.${kind}`),
    defaultLevel: t('rights:applications.defaultLevel'),
    entries: t('rights:applications.entries'),
  };
  const submit = (ifMatch: string) =>
    save.mutate(toSaveRequest(base.value.applicationId, ifMatch, draft), {
      onSuccess: (saved) => {
        adopt(saved);
        notifications.show({ color: 'green', message: t('rights:applications.saved', { name: saved.value.applicationName }) });
      },
      onError: (error) =>
        offer(error, {
          mine: rightsForComparison(draft, labels),
          theirs: (current) => rightsForComparison(current as ApplicationRightsDoc, labels),
          keepMine: (currentEtag) => submit(currentEtag),
          takeTheirs: (current, currentEtag) => adopt({ etag: currentEtag, value: current as ApplicationRightsDoc }),
          onShown: () => save.reset(),
        }),
    });

  const addCandidate = () => {
    if (!candidate) return;
    setDraft(withEntry(draft, candidate, candidateLevel));
    setCandidate(null);
  };

  return (
    <Card withBorder data-testid="rights-editor">
      <Stack gap="md">
        <Group justify="space-between">
          <Title order={2} size="h3" data-testid="rights-application">
            {base.value.applicationName}
          </Title>
          {dirty && (
            <Badge color="orange" variant="light" data-testid="rights-dirty">
              {t('rights:actions.unsaved')}
            </Badge>
          )}
        </Group>
        <Table withTableBorder verticalSpacing="xs" data-testid="rights-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('rights:applications.principal')}</Table.Th>
              <Table.Th scope="col" w={220}>
                {t('rights:applications.level')}
              </Table.Th>
              <Table.Th scope="col" w={60}>
                <VisuallyHidden>{t('rights:applications.remove')}</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {draft.entries.map((entry) => (
              <Table.Tr key={entry.principal.id} data-testid={`entry-${entry.principal.name}`}>
                <Table.Td>
                  <PrincipalLabel principal={entry.principal} />
                </Table.Td>
                <Table.Td>
                  <Select
                    aria-label={t('rights:applications.levelFor', { name: entry.principal.name })}
                    data={levelOptions(t)}
                    value={entry.level}
                    allowDeselect={false}
                    onChange={(value) => isAccessLevel(value) && setDraft(withEntry(draft, entry.principal, value))}
                  />
                </Table.Td>
                <Table.Td>
                  <Tooltip label={t('rights:applications.removeEntry', { name: entry.principal.name })}>
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      aria-label={t('rights:applications.removeEntry', { name: entry.principal.name })}
                      onClick={() => setDraft(withoutEntry(draft, entry.principal.id))}
                    >
                      <IconTrash size={16} aria-hidden />
                    </ActionIcon>
                  </Tooltip>
                </Table.Td>
              </Table.Tr>
            ))}
            {draft.entries.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={3}>
                  <Text size="sm" c="dimmed">
                    {t('rights:applications.noEntries')}
                  </Text>
                </Table.Td>
              </Table.Tr>
            )}
            <Table.Tr data-testid="entry-default" style={{ backgroundColor: 'var(--mantine-color-gray-light)' }}>
              <Table.Td>
                <Text size="sm" fw={600}>
                  {t('rights:applications.allOthers')}
                </Text>
                <Text size="xs" c="dimmed">
                  {t('rights:applications.allOthersHint')}
                </Text>
              </Table.Td>
              <Table.Td>
                <Select
                  aria-label={t('rights:applications.defaultLevel')}
                  data={levelOptions(t)}
                  value={draft.defaultLevel}
                  allowDeselect={false}
                  onChange={(value) => isAccessLevel(value) && setDraft(withDefault(draft, value))}
                />
              </Table.Td>
              <Table.Td />
            </Table.Tr>
          </Table.Tbody>
        </Table>
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            addCandidate();
          }}
        >
          <Group align="flex-end" wrap="nowrap">
            <div style={{ flex: 1 }}>
              <PrincipalPicker
                label={t('rights:applications.addEntry')}
                kinds={['user', 'group', 'role', 'distribution_list']}
                value={candidate}
                onChange={setCandidate}
                testId="entry-picker"
              />
            </div>
            <Select
              label={t('rights:applications.level')}
              data={levelOptions(t)}
              value={candidateLevel}
              allowDeselect={false}
              onChange={(value) => isAccessLevel(value) && setCandidateLevel(value)}
              w={200}
              data-testid="entry-level"
            />
            <Button type="submit" variant="light" leftSection={<IconPlus size={16} aria-hidden />} disabled={!candidate} data-testid="entry-add">
              {t('rights:principals.add')}
            </Button>
          </Group>
        </form>
        {save.error && !save.isPending && <ChangeError error={save.error} onClose={() => save.reset()} />}
        <Group justify="flex-end">
          <Button variant="default" disabled={!dirty} onClick={() => adopt(latest)}>
            {t('rights:actions.discard')}
          </Button>
          <Button disabled={!dirty} loading={save.isPending} onClick={() => submit(base.etag)} data-testid="rights-save">
            {t('common:actions.save')}
          </Button>
        </Group>
        <Text size="xs" c="dimmed">
          {t('rights:applications.rule')}
        </Text>
        <Group gap="xs">
          {(['none', 'read', 'read_add', 'edit', 'manage'] as const).map((level) => (
            <Tooltip key={level} label={t(`rights:levelHints.${level}`)}>
              <span>
                <LevelBadge level={level} />
              </span>
            </Tooltip>
          ))}
        </Group>
      </Stack>
      {dialog}
    </Card>
  );
}
