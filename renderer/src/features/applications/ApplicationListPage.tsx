import { Badge, Button, Card, Container, Group, Modal, Stack, Table, Text, TextInput, Textarea, Title, VisuallyHidden } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconFileImport, IconPlus, IconSearch } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDateTime } from '../../lib/format';
import { useApplications, useCreateApplication, useDraftList } from './api';
import { ExportButton, ImportWizard } from './transfer';

/** Every application of the portal with its published version and whether a local draft waits. */
export function ApplicationListPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 250);
  const [creating, setCreating] = useState(false);
  const [importing, setImporting] = useState(false);
  const list = useApplications(q);
  const drafts = useDraftList('application');
  const draftIds = new Set(drafts.data?.map((draft) => draft.id));
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <Container size="lg" py="md">
      <Stack gap="md">
        <Group justify="space-between">
          <Title order={1}>{t('applications:title')}</Title>
          <Group gap="xs">
            <Button variant="default" leftSection={<IconFileImport size={16} aria-hidden />} onClick={() => setImporting(true)} data-testid="import-application">
              {t('applications:transfer.import')}
            </Button>
            <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setCreating(true)} data-testid="create-application">
              {t('applications:list.create')}
            </Button>
          </Group>
        </Group>
        <Text c="dimmed">{t('applications:list.intro')}</Text>
        <TextInput
          label={t('applications:list.search')}
          leftSection={<IconSearch size={16} aria-hidden />}
          value={search}
          onChange={(event) => setSearch(event.currentTarget.value)}
          maw={360}
        />
        {list.error && <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />}
        <Card withBorder p={0}>
          <Table highlightOnHover verticalSpacing="sm" data-testid="application-list">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('applications:list.name')}</Table.Th>
                <Table.Th scope="col">{t('applications:list.description')}</Table.Th>
                <Table.Th scope="col">{t('applications:list.published')}</Table.Th>
                <Table.Th scope="col">
                  <VisuallyHidden>{t('applications:list.actions')}</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((application) => (
                <Table.Tr key={application.id} data-testid={`application-${application.name}`}>
                  <Table.Td fw={600}>
                    {application.name}
                    {draftIds.has(application.id) && (
                      <Badge ml="xs" color="orange" variant="light" data-testid="draft-badge">
                        {t('applications:list.draft')}
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td c="dimmed">{application.description}</Table.Td>
                  <Table.Td>
                    {application.publishedVersion === 0 || application.publishedAt === null
                      ? t('applications:list.neverPublished')
                      : t('applications:list.version', { version: application.publishedVersion, at: formatDateTime(application.publishedAt, i18n.language) })}
                  </Table.Td>
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap">
                      <Button size="xs" variant="light" onClick={() => void navigate(`/applications/${application.id}`)}>
                        {t('applications:list.open')}
                      </Button>
                      <ExportButton applicationId={application.id} name={application.name} />
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {list.isPending && (
            <Text c="dimmed" p="md">
              {t('common:loading')}
            </Text>
          )}
          {list.isSuccess && items.length === 0 && (
            <Text c="dimmed" p="md">
              {t('applications:list.empty')}
            </Text>
          )}
        </Card>
        {list.hasNextPage && (
          <Button variant="default" onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
            {t('applications:list.more')}
          </Button>
        )}
      </Stack>
      {importing && <ImportWizard onClose={() => setImporting(false)} onOpen={(id) => void navigate(`/applications/${id}`)} />}
      {creating && <CreateApplicationModal onClose={() => setCreating(false)} onCreated={(id) => void navigate(`/applications/${id}`)} />}
    </Container>
  );
}

function CreateApplicationModal({ onClose, onCreated }: { onClose: () => void; onCreated: (id: string) => void }) {
  const { t } = useTranslation();
  const create = useCreateApplication();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate({ name, description }, { onSuccess: (created) => onCreated(created.id) });
  };
  return (
    <Modal opened onClose={onClose} title={t('applications:create.title')} data-testid="create-application-dialog">
      <form onSubmit={submit}>
        <Stack gap="sm">
          {create.error && <ErrorAlert error={create.error} />}
          <TextInput label={t('applications:create.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} required maxLength={80} data-autofocus />
          <Textarea label={t('applications:create.description')} value={description} onChange={(e) => setDescription(e.currentTarget.value)} maxLength={1000} autosize minRows={2} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common:actions.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending} disabled={name.trim() === ''}>
              {t('applications:create.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
