import { Alert, Container, Title } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

/** The one page every area shows until it is built: says so plainly, no mock-up. */
export function NotBuiltYet({ areaLabelKey }: { areaLabelKey: string }) {
  const { t } = useTranslation();
  const area = t(areaLabelKey);
  return (
    <Container size="sm" py="xl" data-testid="not-built-yet">
      <Title order={2} mb="md">
        {area}
      </Title>
      <Alert color="gray" variant="light" icon={<IconInfoCircle aria-hidden />} title={t('common:notBuiltYet.title', { area })}>
        {t('common:notBuiltYet.body')}
      </Alert>
    </Container>
  );
}
