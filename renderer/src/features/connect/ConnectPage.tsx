import { Button, Center, Container, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { Suspense, useEffect, useRef, useState, type Dispatch, type SetStateAction } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProfileInstance, ProfileView } from '../../../../common/contract';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LanguageSwitcher } from '../../components/LanguageSwitcher';
import { openAnotherPortal, openedFor } from '../../lib/open-workspace';
import { useUiStore } from '../../lib/ui-store';
import { useProfileHealth, useProfiles } from './api';
import { markConnectScreen } from './connect-screen-mark';
import { CertificateDialog, DeleteProfileDialog, preloadConnectParts, ProfileFormModal, SignInPanel } from './lazy-parts';
import type { ProfileFormValues } from './profile-form-schema';
import { ProfileInstances } from './ProfileInstances';
import { ProfileList } from './ProfileList';
import { filterProfiles, ProfileToolbar, type ProfileFilter } from './ProfileToolbar';

type Dialog =
  | { kind: 'create' }
  | { kind: 'edit'; profile: ProfileView }
  | { kind: 'delete'; profile: ProfileView }
  | { kind: 'certificate'; profile: ProfileView }
  | { kind: 'add-instance'; initial: Partial<ProfileFormValues> }
  | null;

/** The screen before sign-in: choose or manage a profile, pin its certificate, sign in. */
export function ConnectPage() {
  const { t } = useTranslation();
  const profiles = useProfiles();
  const health = useProfileHealth(profiles.data);
  const [filter, setFilter] = useState<ProfileFilter>({ text: '', environment: 'all' });
  const healthById = new Map((health.data ?? []).map((entry) => [entry.profileId, entry]));
  const { connectProfileId, connectNotice, openSignIn, showProfileList, setConnectNotice } = useUiStore();
  const [dialog, setDialog] = useState<Dialog>(null);
  const selected = profiles.data?.find((profile) => profile.id === connectProfileId);
  const shown = profiles.data !== undefined;
  useEffect(() => {
    if (!shown) return;
    markConnectScreen();
    preloadConnectParts();
  }, [shown]);

  // A window opened for a profile that is not pinned yet starts where Connect would: at the certificate check (once).
  const openedUnpinned = useRef(openedFor(window.location.hash));
  useEffect(() => {
    if (selected === undefined || selected.id !== openedUnpinned.current || selected.pin !== null || selected.starting) return;
    openedUnpinned.current = undefined;
    showProfileList();
    setDialog({ kind: 'certificate', profile: selected });
  }, [selected, showProfileList]);

  const connect = (profile: ProfileView) => {
    setConnectNotice(null);
    if (profile.pin === null) setDialog({ kind: 'certificate', profile });
    else openSignIn(profile.id);
  };

  /** A test or dev instance becomes a profile like any other: the form, then the certificate check on first contact. */
  const addInstance = (production: ProfileView, instance: ProfileInstance) =>
    setDialog({
      kind: 'add-instance',
      initial: {
        name: t('connect:instances.profileName', { name: production.name, environment: t(`common:environment.${instance.environment}`) }),
        url: instance.url,
        environment: instance.environment,
      },
    });

  return (
    <Container component="main" size="md" py="xl">
      <Stack gap="lg">
        <Group justify="space-between" align="flex-start">
          <Stack gap={4}>
            <Title order={1}>{t('connect:title')}</Title>
            <Text c="dimmed">{t('connect:intro')}</Text>
          </Stack>
          <LanguageSwitcher />
        </Group>

        {connectNotice && (
          <Stack gap="xs" data-testid="connect-notice">
            {connectNotice.contextKey && <Text fw={600}>{t(connectNotice.contextKey)}</Text>}
            <ErrorAlert error={connectNotice.error} onClose={() => setConnectNotice(null)} />
          </Stack>
        )}

        {profiles.isPending && (
          <Center>
            <Loader aria-label={t('common:loading')} />
          </Center>
        )}
        {profiles.error && <ErrorAlert error={profiles.error} onRetry={() => void profiles.refetch()} />}

        {selected ? (
          <Center>
            <Suspense fallback={<Loader aria-label={t('common:loading')} />}>
              <SignInPanel key={selected.id} profile={selected} onBack={showProfileList} />
            </Suspense>
          </Center>
        ) : (
          profiles.data && (
            <Stack gap="sm">
              <Group justify="space-between">
                <Title order={2} size="h3">
                  {t('connect:profiles.heading')}
                </Title>
                <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setDialog({ kind: 'create' })} data-testid="add-profile">
                  {t('connect:profiles.add')}
                </Button>
              </Group>
              <ProfileToolbar filter={filter} onChange={setFilter} />
              <ProfileList
                profiles={filterProfiles(profiles.data, filter)}
                healthById={healthById}
                busyProfileId={dialog?.kind === 'certificate' ? dialog.profile.id : null}
                onConnect={connect}
                onEdit={(profile) => setDialog({ kind: 'edit', profile })}
                onDelete={(profile) => setDialog({ kind: 'delete', profile })}
                footer={(profile) => <ProfileInstances profile={profile} onAdd={(instance) => addInstance(profile, instance)} />}
                onOpenInNewWindow={(profile) => void openAnotherPortal(profile.id).catch((error: unknown) => setConnectNotice({ error }))}
              />
            </Stack>
          )
        )}
      </Stack>

      <Suspense fallback={null}>
        <ConnectDialogs dialog={dialog} setDialog={setDialog} onTrusted={(profile) => openSignIn(profile.id)} />
      </Suspense>
    </Container>
  );
}

/** The dialog the connect screen has open, if any (each a lazy chunk, see lazy-parts.ts). */
function ConnectDialogs({ dialog, setDialog, onTrusted }: { dialog: Dialog; setDialog: Dispatch<SetStateAction<Dialog>>; onTrusted: (profile: ProfileView) => void }) {
  return (
    <>
      {dialog?.kind === 'create' && <ProfileFormModal onClose={() => setDialog(null)} />}
      {dialog?.kind === 'edit' && <ProfileFormModal profile={dialog.profile} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'delete' && <DeleteProfileDialog profile={dialog.profile} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'add-instance' && (
        <ProfileFormModal
          initial={dialog.initial}
          onClose={() => setDialog((current) => (current?.kind === 'add-instance' ? null : current))}
          onSaved={(profile) => {
            if (profile.pin === null) setDialog({ kind: 'certificate', profile });
          }}
        />
      )}
      {dialog?.kind === 'certificate' && (
        <CertificateDialog
          profile={dialog.profile}
          onCancel={() => setDialog(null)}
          onTrusted={(profile) => {
            setDialog(null);
            onTrusted(profile);
          }}
        />
      )}
    </>
  );
}
