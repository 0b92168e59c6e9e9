import { Alert, Button, Group, Loader, Modal, Stack, Text } from '@mantine/core';
import { IconShieldCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { ProfileView } from '../../../../common/contract';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useInspectCertificate, useTrustCertificate } from './api';
import { CertificateDetails } from './CertificateDetails';

export interface CertificateDialogProps {
  profile: ProfileView;
  onTrusted(profile: ProfileView): void;
  onCancel(): void;
}

/** Trust on first use: shows the certificate fetched without credentials and pins it on request. */
export function CertificateDialog({ profile, onTrusted, onCancel }: CertificateDialogProps) {
  const { t } = useTranslation();
  const inspection = useInspectCertificate(profile.id, true);
  const trust = useTrustCertificate();
  const certificate = inspection.data;

  return (
    <Modal opened onClose={onCancel} title={t('connect:certificate.title', { name: profile.name })} size="lg" data-testid="certificate-dialog">
      <Stack gap="sm">
        <Alert color="blue" icon={<IconShieldCheck aria-hidden />}>
          {t('connect:certificate.noCredentials')}
        </Alert>
        {inspection.isPending && (
          <Group gap="xs">
            <Loader size="sm" />
            <Text size="sm">{t('connect:certificate.loading')}</Text>
          </Group>
        )}
        {inspection.error && <ErrorAlert error={inspection.error} onRetry={() => void inspection.refetch()} />}
        {certificate && <CertificateDetails certificate={certificate} />}
        {trust.error && <ErrorAlert error={trust.error} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('common:actions.cancel')}
          </Button>
          <Button
            disabled={!certificate}
            loading={trust.isPending}
            color={certificate?.expired ? 'red' : undefined}
            onClick={() => {
              if (!certificate) return;
              trust.mutate({ profileId: profile.id, spki: certificate.spki, slot: 'primary' }, { onSuccess: onTrusted });
            }}
          >
            {t('connect:certificate.trust')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
