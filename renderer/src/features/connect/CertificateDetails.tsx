import { Alert, Stack, Table, Text } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { CertificateInfo } from '../../../../common/contract';
import { formatDateTime } from '../../lib/format';

/** Subject, issuer, validity, SANs, SPKI pin and fingerprint, with warnings for self-signed and expired. */
export function CertificateDetails({ certificate }: { certificate: CertificateInfo }) {
  const { t, i18n } = useTranslation();
  const rows: { label: string; value: string; testId?: string }[] = [
    { label: t('connect:certificate.subject'), value: certificate.subject },
    { label: t('connect:certificate.issuer'), value: certificate.issuer },
    { label: t('connect:certificate.validFrom'), value: formatDateTime(certificate.validFrom, i18n.language) },
    { label: t('connect:certificate.validTo'), value: formatDateTime(certificate.validTo, i18n.language) },
    {
      label: t('connect:certificate.subjectAltNames'),
      value: certificate.subjectAltNames.length > 0 ? certificate.subjectAltNames.join(', ') : t('connect:certificate.none'),
    },
    { label: t('connect:certificate.spki'), value: certificate.spki, testId: 'certificate-spki' },
    { label: t('connect:certificate.fingerprint'), value: certificate.fingerprint256, testId: 'certificate-fingerprint' },
  ];
  return (
    <Stack gap="sm">
      <Table withTableBorder variant="vertical" layout="fixed" data-testid="certificate-details">
        <Table.Tbody>
          {rows.map(({ label, value, testId }) => (
            <Table.Tr key={label}>
              <Table.Th w="34%">{label}</Table.Th>
              <Table.Td ff={testId ? 'monospace' : undefined} style={{ wordBreak: 'break-all' }} data-testid={testId}>
                {value}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {certificate.expired && (
        <Alert color="red" icon={<IconAlertTriangle aria-hidden />} data-testid="certificate-expired">
          {t('connect:certificate.expired')}
        </Alert>
      )}
      {certificate.selfSigned && (
        <Alert color="yellow" icon={<IconAlertTriangle aria-hidden />} data-testid="certificate-self-signed">
          {t('connect:certificate.selfSigned')}
        </Alert>
      )}
      {certificate.matches && (
        <Text size="sm" c="green.8">
          <IconCircleCheck size={14} aria-hidden /> {t(certificate.matches === 'primary' ? 'connect:certificate.matchesPrimary' : 'connect:certificate.matchesBackup')}
        </Text>
      )}
    </Stack>
  );
}
