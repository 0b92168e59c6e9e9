import { Container, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ExportCard } from './ExportCard';
import { ImportPanel } from './ImportPanel';

/** Configuration transfer: export this portal's configuration as one file, import one with a preview of every difference. */
export function ConfigurationPage() {
  const { t } = useTranslation();
  return (
    <Container size="lg" py="md">
      <Stack gap="md">
        <Title order={1}>{t('configuration:title')}</Title>
        <Text size="sm" maw={900}>
          {t('configuration:intro')}
        </Text>
        <ExportCard />
        <ImportPanel />
      </Stack>
    </Container>
  );
}
