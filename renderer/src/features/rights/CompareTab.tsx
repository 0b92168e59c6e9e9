import { Badge, Card, Grid, Group, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { EffectiveRight } from '../../../../common/portal-api/rights';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useEffectiveRights } from './api';
import { LevelBadge, PathChain, PrincipalLabel } from './parts';
import { PrincipalPicker } from './PrincipalPicker';
import { compareEffective } from './rights-draft';
import { useRightsUi } from './rights-ui-store';

const allKinds = ['user', 'group', 'role', 'distribution_list'] as const;

/** Two principals' effective rights side by side; rows that differ are highlighted. */
export function CompareTab() {
  const { t } = useTranslation();
  const { compareA, compareB, setCompare } = useRightsUi();
  const a = useEffectiveRights(compareA?.id ?? null);
  const b = useEffectiveRights(compareB?.id ?? null);
  const rows = a.data && b.data ? compareEffective(a.data, b.data) : [];
  const differing = rows.filter((row) => row.differs).length;

  return (
    <Stack gap="md">
      <Card withBorder>
        <Grid>
          <Grid.Col span={{ base: 12, md: 6 }}>
            <PrincipalPicker label={t('rights:compare.first')} kinds={allKinds} value={compareA} onChange={(p) => setCompare('a', p)} testId="compare-a" />
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 6 }}>
            <PrincipalPicker label={t('rights:compare.second')} kinds={allKinds} value={compareB} onChange={(p) => setCompare('b', p)} testId="compare-b" />
          </Grid.Col>
        </Grid>
        <Text size="xs" c="dimmed" mt="xs">
          {t('rights:compare.hint')}
        </Text>
      </Card>
      {a.error && <ErrorAlert error={a.error} onRetry={() => void a.refetch()} />}
      {b.error && <ErrorAlert error={b.error} onRetry={() => void b.refetch()} />}
      {(!compareA || !compareB) && <Text c="dimmed">{t('rights:compare.pick')}</Text>}
      {a.data && b.data && (
        <Card withBorder>
          <Stack gap="sm">
            <Text size="sm" fw={600} data-testid="compare-summary">
              {t('rights:compare.differences', { count: differing })}
            </Text>
            <Table withTableBorder data-testid="compare-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('rights:explain.application')}</Table.Th>
                  <Table.Th scope="col">
                    <PrincipalLabel principal={a.data.principal} />
                  </Table.Th>
                  <Table.Th scope="col">
                    <PrincipalLabel principal={b.data.principal} />
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((row) => (
                  <Table.Tr
                    key={row.applicationId}
                    data-differs={row.differs ? 'true' : 'false'}
                    data-testid={`compare-row-${row.applicationName}`}
                    style={row.differs ? { backgroundColor: 'var(--mantine-color-yellow-light)' } : undefined}
                  >
                    <Table.Th scope="row">
                      <Group gap="xs">
                        {row.applicationName}
                        {row.differs && (
                          <Badge size="xs" color="yellow" variant="filled">
                            {t('rights:compare.differs')}
                          </Badge>
                        )}
                      </Group>
                    </Table.Th>
                    <Table.Td>
                      <Cell right={row.a} />
                    </Table.Td>
                    <Table.Td>
                      <Cell right={row.b} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Stack>
        </Card>
      )}
    </Stack>
  );
}

function Cell({ right }: { right: EffectiveRight | null }) {
  const { t } = useTranslation();
  if (!right) return <Text c="dimmed">–</Text>;
  return (
    <Stack gap={4}>
      <LevelBadge level={right.level} />
      {right.winning ? (
        <PathChain path={right.winning.path} />
      ) : (
        <Text size="xs" c="dimmed">
          {t('rights:compare.default')}
        </Text>
      )}
    </Stack>
  );
}
