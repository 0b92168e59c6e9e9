import { Alert, Badge, Button, Checkbox, Container, Group, Loader, Modal, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ADMIN_AREAS, AdminArea, isFullAdministrator, normaliseAreas, type AdministratorAreas } from '../../../../common/domain/admin-areas';
import { ErrorAlert } from '../../components/ErrorAlert';
import { toConsoleError } from '../../lib/errors';
import { useSession } from '../../lib/session';
import { useAdministrator, useAdministrators, useSetAreas } from './api';

function AreaBadges({ admin }: { admin: AdministratorAreas }) {
  const { t } = useTranslation();
  if (admin.full) return <Badge color="blue">{t('administrators:list.full')}</Badge>;
  if (admin.areas.length === 0) return <Text size="sm" c="dimmed">{t('administrators:list.none')}</Text>;
  return (
    <Group gap={4}>
      {admin.areas.map((area) => (
        <Badge key={area} variant="light" color="gray">
          {t(`administrators:areas.${area}`)}
        </Badge>
      ))}
    </Group>
  );
}

/** The Portal Manager's "portal rights": every administrator and the areas they may use; Edit opens the editor. */
export function AdministratorsPage() {
  const { t } = useTranslation();
  const list = useAdministrators();
  const [editing, setEditing] = useState<AdministratorAreas | null>(null);
  return (
    <Container size="lg" py="md">
      <Stack gap="md">
        <Title order={1}>{t('administrators:title')}</Title>
        <Text size="sm" c="dimmed">
          {t('administrators:intro')}
        </Text>
        {list.isPending && <Loader size="sm" />}
        {list.error && <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />}
        {list.data && (
          <Table striped highlightOnHover aria-label={t('administrators:list.label')} data-testid="administrators-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('administrators:list.name')}</Table.Th>
                <Table.Th>{t('administrators:list.login')}</Table.Th>
                <Table.Th>{t('administrators:list.rights')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.map((admin) => (
                <Table.Tr key={admin.userId} data-testid={`administrator-${admin.login}`}>
                  <Table.Td>{admin.displayName}</Table.Td>
                  <Table.Td>{admin.login}</Table.Td>
                  <Table.Td>
                    <AreaBadges admin={admin} />
                  </Table.Td>
                  <Table.Td>
                    <Button size="xs" variant="default" onClick={() => setEditing(admin)} aria-label={t('administrators:list.edit', { name: admin.displayName })}>
                      {t('common:actions.edit')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
      {editing && <AreasEditor admin={editing} onClose={() => setEditing(null)} />}
    </Container>
  );
}

/** A checkbox per area and one for "full administrator"; saves with the ETag it was loaded with. */
function AreasEditor({ admin, onClose }: { admin: AdministratorAreas; onClose: () => void }) {
  const { t } = useTranslation();
  const loaded = useAdministrator(admin.userId);
  const session = useSession().data;
  const name = admin.displayName;
  return (
    <Modal opened onClose={onClose} title={t('administrators:editor.title', { name })} size="md">
      {loaded.isPending && <Loader size="sm" />}
      {loaded.error && <ErrorAlert error={loaded.error} onRetry={() => void loaded.refetch()} />}
      {loaded.data && (
        <AreasForm
          key={loaded.data.etag}
          name={name}
          etag={loaded.data.etag}
          initial={loaded.data.value.areas}
          isSelf={session?.user.id === admin.userId}
          userId={admin.userId}
          onSaved={onClose}
          onStale={() => void loaded.refetch()}
          onCancel={onClose}
        />
      )}
    </Modal>
  );
}

interface AreasFormProps {
  name: string;
  userId: string;
  etag: string;
  initial: readonly AdminArea[];
  isSelf: boolean;
  onSaved: () => void;
  onStale: () => void;
  onCancel: () => void;
}

function AreasForm({ name, userId, etag, initial, isSelf, onSaved, onStale, onCancel }: AreasFormProps) {
  const { t } = useTranslation();
  const [areas, setAreas] = useState<string[]>([...initial]);
  const [stale, setStale] = useState(false);
  const save = useSetAreas();
  const full = isFullAdministrator(areas.filter((area): area is AdminArea => AdminArea.safeParse(area).success));
  const problemCode = save.error ? toConsoleError(save.error).details?.problemCode : undefined;
  const submit = () => {
    const chosen = normaliseAreas(areas.filter((area): area is AdminArea => AdminArea.safeParse(area).success));
    save.mutate(
      { userId, ifMatch: etag, areas: chosen },
      {
        onSuccess: () => {
          notifications.show({ color: 'green', message: t('administrators:editor.saved', { name }) });
          onSaved();
        },
        onError: (error) => {
          if (toConsoleError(error).code !== 'PRECONDITION_FAILED') return;
          setStale(true);
          onStale();
        },
      },
    );
  };
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <Stack gap="sm">
        {stale && <Alert color="yellow">{t('administrators:editor.changedMeanwhile')}</Alert>}
        {problemCode === 'last_full_administrator' && <Alert color="red">{t('administrators:editor.lastFull')}</Alert>}
        {save.error && problemCode !== 'last_full_administrator' && toConsoleError(save.error).code !== 'PRECONDITION_FAILED' && <ErrorAlert error={save.error} />}
        {isSelf && <Text size="sm" c="dimmed">{t('administrators:editor.self')}</Text>}
        <Checkbox
          label={t('administrators:editor.full')}
          checked={full}
          indeterminate={!full && areas.length > 0}
          onChange={(event) => setAreas(event.currentTarget.checked ? [...ADMIN_AREAS] : [])}
          data-testid="areas-full"
        />
        <Checkbox.Group label={t('administrators:editor.legend', { name })} value={areas} onChange={setAreas}>
          <Stack gap={6} mt="xs" pl="md">
            {ADMIN_AREAS.map((area) => (
              <Checkbox key={area} value={area} label={t(`administrators:areas.${area}`)} data-testid={`area-${area}`} />
            ))}
          </Stack>
        </Checkbox.Group>
        <Group justify="flex-end" mt="sm">
          <Button variant="default" onClick={onCancel}>
            {t('administrators:editor.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending} data-testid="areas-save">
            {t('administrators:editor.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
