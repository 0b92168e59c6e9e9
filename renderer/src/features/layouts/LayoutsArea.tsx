import { Badge, Button, Card, ColorSwatch, Container, Group, Modal, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconPhoto, IconPlus } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Route, Routes, useNavigate, useParams } from 'react-router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDateTime } from '../../lib/format';
import { useCreateLayout, useLayoutDrafts, useLayouts } from './api';
import { LayoutEditorPage } from './LayoutEditor';

/** /layouts: every layout; /layouts/:layoutId: its editor. */
export function LayoutsArea() {
  return (
    <Container size="xl" py="md">
      <Routes>
        <Route index element={<LayoutList />} />
        <Route path=":layoutId" element={<EditorRoute />} />
      </Routes>
    </Container>
  );
}

function EditorRoute() {
  const { layoutId = '' } = useParams();
  return <LayoutEditorPage key={layoutId} layoutId={layoutId} />;
}

function LayoutList() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const layouts = useLayouts();
  const drafts = useLayoutDrafts();
  const [creating, setCreating] = useState(false);
  const draftIds = new Set(drafts.data?.map((draft) => draft.id));
  const items = layouts.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={1}>{t('layouts:title')}</Title>
        <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setCreating(true)} data-testid="create-layout">
          {t('layouts:list.create')}
        </Button>
      </Group>
      <Text c="dimmed">{t('layouts:list.intro')}</Text>
      {layouts.error && <ErrorAlert error={layouts.error} onRetry={() => void layouts.refetch()} />}
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
        {items.map((layout) => (
          <Card key={layout.id} withBorder data-testid={`layout-${layout.name}`}>
            <Stack gap="xs">
              <Group justify="space-between">
                <Text fw={700}>{layout.name}</Text>
                {draftIds.has(layout.id) && (
                  <Badge color="orange" variant="light">
                    {t('layouts:list.draft')}
                  </Badge>
                )}
              </Group>
              <Group gap="xs">
                <ColorSwatch color={layout.primaryColor} size={20} role="img" aria-label={`${t('layouts:theme.primary')}: ${layout.primaryColor}`} />
                <ColorSwatch color={layout.accentColor} size={20} role="img" aria-label={`${t('layouts:theme.accent')}: ${layout.accentColor}`} />
                {layout.hasLogo && <IconPhoto size={18} role="img" aria-label={t('layouts:list.hasLogo')} />}
              </Group>
              <Text size="xs" c="dimmed">
                {t('layouts:list.updated', { at: formatDateTime(layout.updatedAt, i18n.language) })}
              </Text>
              <Button variant="light" onClick={() => void navigate(`/layouts/${layout.id}`)}>
                {t('layouts:list.edit')}
              </Button>
            </Stack>
          </Card>
        ))}
      </SimpleGrid>
      {layouts.hasNextPage && (
        <Button variant="default" onClick={() => void layouts.fetchNextPage()} loading={layouts.isFetchingNextPage}>
          {t('layouts:list.more')}
        </Button>
      )}
      {creating && <CreateLayoutModal onClose={() => setCreating(false)} onCreated={(id) => void navigate(`/layouts/${id}`)} />}
    </Stack>
  );
}

function CreateLayoutModal({ onClose, onCreated }: { onClose: () => void; onCreated: (id: string) => void }) {
  const { t } = useTranslation();
  const create = useCreateLayout();
  const [name, setName] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate({ name }, { onSuccess: (created) => onCreated(created.value.id) });
  };
  return (
    <Modal opened onClose={onClose} title={t('layouts:list.createTitle')} data-testid="create-layout-dialog">
      <form onSubmit={submit}>
        <Stack gap="sm">
          {create.error && <ErrorAlert error={create.error} />}
          <TextInput label={t('layouts:theme.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} required maxLength={80} data-autofocus />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common:actions.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending} disabled={name.trim() === ''}>
              {t('layouts:list.createSubmit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
