import { Center, Loader, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useProfiles } from './api';
import { autoSignInCandidate, type StartupPhase } from './startup';

export function StartupScreen({ phase }: { phase: StartupPhase }) {
  const { t } = useTranslation();
  const profiles = useProfiles();
  const candidate = autoSignInCandidate(profiles.data);
  const message =
    phase === 'autoSignIn'
      ? candidate
        ? t('connect:startup.autoSignIn', { name: candidate.name })
        : t('connect:startup.autoSignInUnnamed')
      : t('connect:startup.checking');
  return (
    <Center component="main" h="100vh">
      <Stack align="center" gap="sm" role="status" aria-live="polite" data-testid="startup">
        <Loader />
        <Text>{message}</Text>
      </Stack>
    </Center>
  );
}
