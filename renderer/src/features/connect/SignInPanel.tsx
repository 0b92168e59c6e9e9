import { Alert, Anchor, Button, Card, Checkbox, Group, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowLeft, IconInfoCircle } from '@tabler/icons-react';
import { lazy, Suspense, useEffect, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { ProfileView } from '../../../../common/contract';
import { EnvironmentBadge } from '../../components/EnvironmentBadge';
import { ErrorAlert } from '../../components/ErrorAlert';
import { loadAreaLocales } from '../../lib/i18n';
import { errorCodeOf } from '../../lib/errors';
import { useAppInfo } from '../../lib/session';
import { preloadShell } from '../../lib/shell-preload';
import { useForgetPassword, useSignIn } from './api';
import { CertificateDialog } from './CertificateDialog';
import { RepinDialog } from './RepinDialog';
import { profileNameLabel } from '../../lib/profile-label';

/** The offline ticket form is support code: loaded only when the portal is down, not with the sign-in screen. */
const OfflineTicketButton = lazy(async () => ({ default: (await Promise.all([import('../support/OfflineTicket'), loadAreaLocales()]))[0].OfflineTicketButton }));

export const DEMO_CREDENTIALS = { login: 'admin', password: 'Admin-Portal-2026' } as const;

/** Failures that say the portal itself is not working: then a support ticket can be written offline. */
const PORTAL_DOWN_CODES = new Set(['UNREACHABLE', 'TIMEOUT', 'SERVER_ERROR', 'MALFORMED_RESPONSE', 'TLS_ERROR']);

interface SignInValues {
  login: string;
  password: string;
  remember: boolean;
  readOnly: boolean;
}

export interface SignInPanelProps {
  profile: ProfileView;
  onBack(): void;
}

export function SignInPanel({ profile, onBack }: SignInPanelProps) {
  const { t } = useTranslation();
  const appInfo = useAppInfo();
  const keychain = appInfo.data?.keychain;
  const keychainAvailable = keychain?.available === true;
  // The portal's policy (learned at the last sign-in) may forbid keeping its password at all.
  const canRemember = keychainAvailable && !profile.portalForbidsRemember;
  const signIn = useSignIn();
  const forget = useForgetPassword();
  const [certificateDialog, setCertificateDialog] = useState<'trust' | 'repin' | null>(null);
  const form = useForm<SignInValues>({
    defaultValues: {
      login: profile.lastLogin ?? '',
      password: '',
      remember: profile.rememberPassword && !profile.portalForbidsRemember,
      readOnly: profile.readOnly === true,
    },
  });
  const { errors } = form.formState;
  // The signed-in shell's chunks and texts arrive while the password is typed.
  useEffect(preloadShell, []);

  const submitWithPassword = form.handleSubmit((values) => {
    signIn.mutate(
      { profileId: profile.id, login: values.login, password: values.password, remember: values.remember && canRemember, readOnly: values.readOnly },
      {
        onSuccess: (session) => {
          if (values.remember && canRemember && !session.rememberMeAllowed) {
            notifications.show({ message: t('connect:signIn.rememberForbiddenNotice'), color: 'orange' });
          }
        },
        onError: (error) => {
          // Clear the wrong password, but not one typed anew while the attempt was under way.
          const unchanged = form.getValues('password') === values.password;
          if (errorCodeOf(error) === 'INVALID_CREDENTIALS' && unchanged) form.setValue('password', '');
        },
      },
    );
  });

  const signInWithSavedPassword = async () => {
    if (!(await form.trigger('login'))) return;
    signIn.mutate({ profileId: profile.id, login: form.getValues('login'), remember: true, readOnly: form.getValues('readOnly') });
  };

  const errorCode = signIn.error ? errorCodeOf(signIn.error) : null;

  return (
    <Card withBorder padding="lg" maw={560} w="100%" data-testid="sign-in-panel">
      <Stack gap="md">
        <Anchor component="button" type="button" size="sm" onClick={onBack}>
          <Group gap={4}>
            <IconArrowLeft size={14} aria-hidden />
            {t('connect:signIn.back')}
          </Group>
        </Anchor>
        <Stack gap={4}>
          <Group gap="xs">
            <Title order={2} size="h3">
              {t('connect:signIn.title', { name: profileNameLabel(profile.id, profile.name, t) })}
            </Title>
            <EnvironmentBadge environment={profile.environment} />
          </Group>
          <Text size="sm" c="dimmed" style={{ wordBreak: 'break-all' }}>
            {profile.url}
          </Text>
        </Stack>

        {profile.embedded && (
          <Alert color="blue" icon={<IconInfoCircle aria-hidden />} title={t('connect:signIn.demoTitle')} data-testid="demo-credentials">
            <Stack gap="xs" align="flex-start">
              <Text size="sm">{t('connect:signIn.demoBody', DEMO_CREDENTIALS)}</Text>
              <Button
                size="xs"
                variant="light"
                onClick={() => {
                  form.setValue('login', DEMO_CREDENTIALS.login);
                  form.setValue('password', DEMO_CREDENTIALS.password);
                }}
              >
                {t('connect:signIn.demoFill')}
              </Button>
            </Stack>
          </Alert>
        )}

        <form noValidate onSubmit={(event) => void submitWithPassword(event)}>
          <Stack gap="sm">
            <TextInput
              label={t('connect:signIn.login')}
              autoComplete="username"
              required
              autoFocus={!profile.lastLogin}
              error={errors.login && t('connect:signIn.loginRequired')}
              {...form.register('login', { validate: (value) => value.trim().length > 0 })}
            />
            <PasswordInput
              label={t('connect:signIn.password')}
              autoComplete="current-password"
              required
              autoFocus={Boolean(profile.lastLogin)}
              error={errors.password && t('connect:signIn.passwordRequired')}
              {...form.register('password', { required: true })}
            />
            <Checkbox
              label={t('connect:signIn.remember')}
              disabled={!canRemember}
              description={
                profile.portalForbidsRemember || keychain?.available === false ? <RememberUnavailable profile={profile} reason={keychain?.reason} /> : undefined
              }
              data-testid="sign-in-remember"
              {...form.register('remember')}
            />
            <Checkbox
              label={t('connect:signIn.readOnly')}
              description={profile.readOnly ? t('connect:signIn.readOnlyProfile') : undefined}
              disabled={profile.readOnly === true}
              data-testid="sign-in-read-only"
              {...form.register('readOnly')}
            />
            {signIn.error && (
              <ErrorAlert error={signIn.error}>
                {errorCode === 'PIN_MISMATCH' && (
                  <Button size="xs" color="red" onClick={() => setCertificateDialog('repin')}>
                    {t('connect:repin.open')}
                  </Button>
                )}
                {errorCode === 'TLS_UNTRUSTED' && (
                  <Button size="xs" onClick={() => setCertificateDialog('trust')}>
                    {t('connect:signIn.checkCertificate')}
                  </Button>
                )}
                {errorCode !== null && PORTAL_DOWN_CODES.has(errorCode) && (
                  <Suspense fallback={null}>
                    <OfflineTicketButton profile={profile} />
                  </Suspense>
                )}
              </ErrorAlert>
            )}
            <Group justify="space-between">
              <Group gap="xs">
                {profile.hasStoredPassword && (
                  <>
                    <Button variant="light" onClick={() => void signInWithSavedPassword()} disabled={signIn.isPending}>
                      {t('connect:signIn.withSaved')}
                    </Button>
                    <Button
                      variant="subtle"
                      color="gray"
                      loading={forget.isPending}
                      onClick={() =>
                        forget.mutate(profile.id, {
                          onSuccess: () => notifications.show({ message: t('connect:signIn.forgotten'), color: 'green' }),
                        })
                      }
                    >
                      {t('connect:signIn.forgetSaved')}
                    </Button>
                  </>
                )}
              </Group>
              <Button type="submit" loading={signIn.isPending}>
                {t('connect:signIn.submit')}
              </Button>
            </Group>
            {forget.error && <ErrorAlert error={forget.error} onClose={() => forget.reset()} />}
          </Stack>
        </form>
      </Stack>

      {certificateDialog === 'repin' && (
        <RepinDialog
          profile={profile}
          onCancel={() => setCertificateDialog(null)}
          onRepinned={() => {
            setCertificateDialog(null);
            signIn.reset();
          }}
        />
      )}
      {certificateDialog === 'trust' && (
        <CertificateDialog
          profile={profile}
          onCancel={() => setCertificateDialog(null)}
          onTrusted={() => {
            setCertificateDialog(null);
            signIn.reset();
          }}
        />
      )}
    </Card>
  );
}

/** Why the password cannot be kept: the portal forbids it, or there is no keychain. */
function RememberUnavailable({ profile, reason }: { profile: ProfileView; reason: string | undefined }) {
  const { t } = useTranslation();
  if (profile.portalForbidsRemember) return <span data-testid="remember-forbidden">{t('connect:signIn.rememberForbidden')}</span>;
  return <KeychainUnavailable reason={reason} />;
}

function KeychainUnavailable({ reason }: { reason: string | undefined }) {
  const { t } = useTranslation();
  return (
    <>
      {t('connect:signIn.rememberUnavailable')}
      {reason && (
        <>
          <br />
          {t('connect:signIn.rememberUnavailableReason', { reason })}
        </>
      )}
    </>
  );
}
