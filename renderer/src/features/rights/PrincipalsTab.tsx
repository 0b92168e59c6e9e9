import { Button, Card, Grid, Group, NavLink, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconPlus, IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ContainerKind, type PrincipalSummary } from '../../../../common/portal-api/rights';
import { ErrorAlert } from '../../components/ErrorAlert';
import { usePrincipals } from './api';
import { CreatePrincipalModal } from './CreatePrincipalModal';
import { InfiniteList } from './InfiniteList';
import { KindBadge } from './parts';
import { PrincipalDetail } from './PrincipalDetail';

type KindFilter = ContainerKind | 'all';

/** Groups, roles and distribution lists: a server-paged list and the selected one's details and members. */
export function PrincipalsTab() {
  const { t } = useTranslation();
  const { id } = useParams();
  const navigate = useNavigate();
  const [kind, setKind] = useState<KindFilter>('all');
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 250);
  const [creating, setCreating] = useState(false);
  const list = usePrincipals(kind === 'all' ? null : kind, q);
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];
  const total = list.data?.pages[0]?.total;

  return (
    <Grid gutter="md">
      <Grid.Col span={{ base: 12, md: 4 }}>
        <Card withBorder padding="sm">
          <Stack gap="sm">
            <SegmentedControl
              size="xs"
              fullWidth
              value={kind}
              onChange={(value) => setKind(value as KindFilter)}
              aria-label={t('rights:principals.kindFilter')}
              data={[
                { value: 'all', label: t('rights:principals.all') },
                ...ContainerKind.options.map((k) => ({ value: k, label: t(`rights:kindsPlural.${k}`) })),
              ]}
            />
            <TextInput
              leftSection={<IconSearch size={16} aria-hidden />}
              placeholder={t('rights:principals.search')}
              aria-label={t('rights:principals.search')}
              value={search}
              onChange={(event) => setSearch(event.currentTarget.value)}
            />
            <Group justify="space-between">
              <Text size="xs" c="dimmed" data-testid="principal-total">
                {total === undefined ? '' : t('rights:principals.count', { count: total })}
              </Text>
              <Button size="xs" leftSection={<IconPlus size={14} aria-hidden />} onClick={() => setCreating(true)} data-testid="new-principal">
                {t('rights:principals.new')}
              </Button>
            </Group>
            {list.error && <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />}
            <InfiniteList<PrincipalSummary>
              items={items}
              getKey={(item) => item.id}
              rowHeight={52}
              height="60vh"
              label={t('rights:principals.listLabel')}
              empty={list.isPending ? t('common:loading') : t('rights:principals.empty')}
              hasNextPage={list.hasNextPage}
              isFetchingNextPage={list.isFetchingNextPage}
              fetchNextPage={() => void list.fetchNextPage()}
              testId="principal-list"
              renderItem={(item) => (
                <NavLink
                  component={Link}
                  to={`/rights/principals/${item.id}`}
                  active={item.id === id}
                  aria-current={item.id === id ? 'page' : undefined}
                  label={item.name}
                  description={t('rights:principals.members', { count: item.memberCount })}
                  leftSection={
                    <div style={{ width: 132 }}>
                      <KindBadge kind={item.kind} />
                    </div>
                  }
                  data-testid={`principal-row-${item.name}`}
                />
              )}
            />
          </Stack>
        </Card>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 8 }}>
        {id ? (
          <PrincipalDetail key={id} id={id} onDeleted={() => navigate('/rights/principals')} />
        ) : (
          <Card withBorder>
            <Text c="dimmed">{t('rights:principals.pick')}</Text>
          </Card>
        )}
      </Grid.Col>
      {creating && (
        <CreatePrincipalModal
          initialKind={kind === 'all' ? 'group' : kind}
          onClose={() => setCreating(false)}
          onCreated={(created) => navigate(`/rights/principals/${created}`)}
        />
      )}
    </Grid>
  );
}
