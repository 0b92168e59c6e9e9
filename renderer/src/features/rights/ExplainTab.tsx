import { Alert, Badge, Button, Card, Grid, Group, Select, Stack, Table, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconRefresh } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { RightsExplanation } from '../../../../common/contract';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useApplications, useExplain } from './api';
import { LevelBadge, PathChain, PrincipalLabel } from './parts';
import { PrincipalPicker } from './PrincipalPicker';
import { useRightsUi } from './rights-ui-store';

/** Pick a user and an application: the effective level, every entry that contributed and why one won. */
export function ExplainTab() {
  const { t } = useTranslation();
  const { explainUser, explainApplicationId, setExplainUser, setExplainApplication } = useRightsUi();
  const applications = useApplications();
  const explanation = useExplain(explainApplicationId, explainUser?.id ?? null);

  return (
    <Stack gap="md">
      <Card withBorder>
        <Grid align="flex-end">
          <Grid.Col span={{ base: 12, md: 6 }}>
            <PrincipalPicker label={t('rights:explain.user')} kinds={['user']} value={explainUser} onChange={setExplainUser} testId="explain-user" />
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 4 }}>
            <Select
              label={t('rights:explain.application')}
              placeholder={t('rights:explain.pickApplication')}
              data={(applications.data ?? []).map((app) => ({ value: app.id, label: app.name }))}
              value={explainApplicationId}
              onChange={setExplainApplication}
              searchable
              data-testid="explain-application"
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 2 }}>
            <Button
              fullWidth
              variant="default"
              leftSection={<IconRefresh size={16} aria-hidden />}
              disabled={!explanation.data}
              loading={explanation.isFetching}
              onClick={() => void explanation.refetch()}
            >
              {t('rights:explain.refresh')}
            </Button>
          </Grid.Col>
        </Grid>
      </Card>
      {(!explainUser || !explainApplicationId) && <Text c="dimmed">{t('rights:explain.pick')}</Text>}
      {explanation.error && <ErrorAlert error={explanation.error} onRetry={() => void explanation.refetch()} />}
      {explanation.data && <ExplanationView explanation={explanation.data} />}
    </Stack>
  );
}

function ExplanationView({ explanation }: { explanation: RightsExplanation }) {
  const { t } = useTranslation();
  const winning = explanation.contributions.find((c) => c.winning) ?? null;
  const agrees = explanation.enforced.level === explanation.level;
  return (
    <Stack gap="md" data-testid="explanation">
      <Card withBorder>
        <Stack gap="sm">
          <Group gap="sm">
            <Title order={2} size="h4">
              {t('rights:explain.result', { user: explanation.principal.name, application: explanation.applicationName })}
            </Title>
            <LevelBadge level={explanation.level} testId="explain-level" />
          </Group>
          <Text size="sm" data-testid="explain-source" data-source={explanation.source}>
            {winning
              ? t('rights:explain.fromEntry', { principal: winning.principal.name, level: t(`rights:levels.${winning.level}`) })
              : t('rights:explain.fromDefault', { level: t(`rights:levels.${explanation.defaultLevel}`) })}
          </Text>
          {winning && (
            <Stack gap={4} data-testid="explain-winning-path">
              <Text size="xs" c="dimmed">
                {t('rights:explain.path')}
              </Text>
              <PathChain path={winning.path} />
            </Stack>
          )}
          {agrees ? (
            <Group gap={6} data-testid="explain-enforced" data-agrees="true">
              <IconCircleCheck size={18} color="var(--mantine-color-green-7)" aria-hidden />
              <Text size="sm">{t('rights:explain.enforcedAgrees', { level: t(`rights:levels.${explanation.enforced.level}`) })}</Text>
            </Group>
          ) : (
            <Alert color="red" icon={<IconAlertTriangle aria-hidden />} data-testid="explain-enforced" data-agrees="false">
              {t('rights:explain.enforcedDiffers', { level: t(`rights:levels.${explanation.enforced.level}`) })}
            </Alert>
          )}
          <Text size="xs" c="dimmed">
            {t('rights:explain.rule')}
          </Text>
        </Stack>
      </Card>
      <Card withBorder>
        <Stack gap="sm">
          <Title order={3} size="h5">
            {t('rights:explain.contributions', { count: explanation.contributions.length })}
          </Title>
          {explanation.contributions.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('rights:explain.noContributions')}
            </Text>
          ) : (
            <Table withTableBorder data-testid="explain-contributions">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('rights:applications.principal')}</Table.Th>
                  <Table.Th scope="col">{t('rights:applications.level')}</Table.Th>
                  <Table.Th scope="col">{t('rights:explain.path')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {explanation.contributions.map((contribution) => (
                  <Table.Tr
                    key={contribution.principal.id}
                    data-winning={contribution.winning ? 'true' : 'false'}
                    style={contribution.winning ? { backgroundColor: 'var(--mantine-color-green-light)' } : undefined}
                  >
                    <Table.Td>
                      <Group gap="xs" wrap="nowrap">
                        <PrincipalLabel principal={contribution.principal} withDetail={false} />
                        {contribution.winning && (
                          <Badge color="green" size="sm">
                            {t('rights:explain.wins')}
                          </Badge>
                        )}
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      <LevelBadge level={contribution.level} />
                    </Table.Td>
                    <Table.Td>
                      <PathChain path={contribution.path} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
          {explanation.notApplying.length > 0 && (
            <Stack gap={4}>
              <Text size="xs" c="dimmed">
                {t('rights:explain.notApplying')}
              </Text>
              <Group gap="xs">
                {explanation.notApplying.map((entry) => (
                  <Group key={entry.principal.id} gap={4} wrap="nowrap" opacity={0.7}>
                    <PrincipalLabel principal={entry.principal} withDetail={false} />
                    <LevelBadge level={entry.level} />
                  </Group>
                ))}
              </Group>
            </Stack>
          )}
        </Stack>
      </Card>
    </Stack>
  );
}
