import { Alert, Button, Code, Group, Loader, Modal, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { IconAlertOctagon } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProfileView } from '../../../../common/contract';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useInspectCertificate, useTrustCertificate } from './api';
import { CertificateDetails } from './CertificateDetails';

export interface RepinDialogProps {
  profile: ProfileView;
  onRepinned(profile: ProfileView): void;
  onCancel(): void;
}

/** The word to type before a re-pin: the portal's host name, so the administrator looks at which portal it is. */
export function confirmationWord(profile: ProfileView): string {
  return URL.canParse(profile.url) ? new URL(profile.url).hostname : profile.name;
}

/** After PIN_MISMATCH: fetch the new certificate, warn strongly, and replace the primary pin only on typed confirmation. */
export function RepinDialog({ profile, onRepinned, onCancel }: RepinDialogProps) {
  const { t } = useTranslation();
  const inspection = useInspectCertificate(profile.id, true);
  const trust = useTrustCertificate();
  const [typed, setTyped] = useState('');
  const certificate = inspection.data;
  const word = confirmationWord(profile);
  const alreadyPinned = certificate?.matches != null;
  const confirmed = typed.trim() === word;

  return (
    <Modal opened onClose={onCancel} title={t('connect:repin.title', { name: profile.name })} size="lg" data-testid="repin-dialog">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (!certificate || !confirmed || alreadyPinned) return;
          trust.mutate({ profileId: profile.id, spki: certificate.spki, slot: 'primary' }, { onSuccess: onRepinned });
        }}
      >
        <Stack gap="sm">
          <Alert color="red" variant="filled" icon={<IconAlertOctagon aria-hidden />} data-testid="repin-warning">
            {t('connect:repin.warning')}
          </Alert>
          {inspection.isPending && (
            <Group gap="xs">
              <Loader size="sm" />
              <Text size="sm">{t('connect:certificate.loading')}</Text>
            </Group>
          )}
          {inspection.error && <ErrorAlert error={inspection.error} onRetry={() => void inspection.refetch()} />}
          {certificate && (
            <>
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <PinBox label={t('connect:repin.oldPin')} pin={profile.pin} />
                <PinBox label={t('connect:repin.newPin')} pin={certificate.spki} highlight />
              </SimpleGrid>
              <CertificateDetails certificate={certificate} />
            </>
          )}
          {alreadyPinned ? (
            <Alert color="green">{t('connect:repin.alreadyPinned')}</Alert>
          ) : (
            <TextInput
              label={t('connect:repin.confirmLabel', { word })}
              value={typed}
              onChange={(event) => setTyped(event.currentTarget.value)}
              autoComplete="off"
              spellCheck={false}
              data-autofocus
              disabled={!certificate}
            />
          )}
          {trust.error && <ErrorAlert error={trust.error} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onCancel}>
              {alreadyPinned ? t('common:actions.close') : t('common:actions.cancel')}
            </Button>
            {!alreadyPinned && (
              <Button type="submit" color="red" disabled={!certificate || !confirmed} loading={trust.isPending}>
                {t('connect:repin.confirm')}
              </Button>
            )}
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function PinBox({ label, pin, highlight = false }: { label: string; pin: string | null; highlight?: boolean }) {
  return (
    <Stack gap={2}>
      <Text size="xs" fw={600}>
        {label}
      </Text>
      <Code block c={highlight ? 'red.8' : undefined} style={{ wordBreak: 'break-all', whiteSpace: 'pre-wrap' }}>
        {pin ?? '—'}
      </Code>
    </Stack>
  );
}
