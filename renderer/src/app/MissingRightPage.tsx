import { Alert, Button, Container, Stack, Title } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { AdminArea } from '../../../common/domain/admin-areas';

/** Shown instead of an area the signed-in administrator has no right for (a bookmark, a typed address). */
export function MissingRightPage({ area }: { area: AdminArea }) {
  const { t } = useTranslation();
  const right = t(`administrators:areas.${area}`);
  return (
    <Container size="sm" py="xl">
      <Stack gap="md">
        <Title order={1}>{t('administrators:missingRight.title')}</Title>
        <Alert color="orange" variant="light" icon={<IconLock aria-hidden />} data-testid="missing-right" data-missing-right={area}>
          {t('administrators:missingRight.message', { right })}
        </Alert>
        <Button component={Link} to="/" variant="default" style={{ alignSelf: 'flex-start' }}>
          {t('administrators:missingRight.back')}
        </Button>
      </Stack>
    </Container>
  );
}
