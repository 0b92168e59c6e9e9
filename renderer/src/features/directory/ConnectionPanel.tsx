import { Alert, Button, Code, Group, NumberInput, Paper, PasswordInput, Select, SimpleGrid, Stack, Switch, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DIRECTORY_PRESETS } from '../../../../common/domain/directory-presets';
import type {
  DirectoryCertificate,
  DirectoryMapping,
  DirectoryPreset,
  DirectorySettings,
  DirectorySettingsInput,
  DirectoryTestResult,
} from '../../../../common/portal-api/directory';
import { describeError } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';
import { useFetchCertificate, useSaveDirectorySettings, useTestConnection } from './api';

type Draft = Omit<DirectorySettingsInput, 'bindPassword'> & { bindPassword: string };

function draftOf(settings: DirectorySettings): Draft {
  const { configured: _c, passwordSet: _p, ...rest } = settings;
  return { ...rest, bindPassword: '' };
}

/** What goes to the portal: an empty password field keeps the stored password. */
export function inputOf(draft: Draft): DirectorySettingsInput {
  const { bindPassword, ...rest } = draft;
  return bindPassword === '' ? rest : { ...rest, bindPassword };
}

const MAPPING_FIELDS: (keyof DirectoryMapping)[] = ['id', 'login', 'name', 'email', 'department', 'disabledFlags', 'memberOf', 'groupName', 'groupMember', 'groupMemberLogin'];

function CertificateBox({ certificate, pin, onTrust }: { certificate: DirectoryCertificate | null; pin: string | null; onTrust: (spki: string) => void }) {
  const { t, i18n } = useTranslation();
  return (
    <Stack gap="xs" data-testid="directory-certificate">
      <Text size="sm">
        {t('directory:certificate.pinned')}: {pin === null ? <Text span c="dimmed">{t('directory:certificate.none')}</Text> : <Code data-testid="directory-pin">{pin}</Code>}
      </Text>
      {certificate !== null && (
        <Paper withBorder p="sm">
          <Stack gap={4}>
            <Text size="sm">{t('directory:certificate.subject')}: {certificate.subject}</Text>
            <Text size="sm">{t('directory:certificate.issuer')}: {certificate.issuer}</Text>
            <Text size="sm">
              {t('directory:certificate.validity')}: {formatDateTime(certificate.validFrom, i18n.language)} – {formatDateTime(certificate.validTo, i18n.language)}
            </Text>
            <Text size="sm">
              {t('directory:certificate.spki')}: <Code>{certificate.spki}</Code>
            </Text>
            {pin === certificate.spki ? (
              <Text size="sm" c="green">{t('directory:certificate.matches')}</Text>
            ) : (
              <>
                {pin !== null && <Alert color="orange">{t('directory:certificate.differs')}</Alert>}
                <Group>
                  <Button size="xs" onClick={() => onTrust(certificate.spki)} data-testid="directory-trust">
                    {t('directory:certificate.trust')}
                  </Button>
                </Group>
              </>
            )}
          </Stack>
        </Paper>
      )}
    </Stack>
  );
}

function TestResultBox({ result }: { result: DirectoryTestResult }) {
  const { t } = useTranslation();
  if (result.ok) {
    return (
      <Alert color="green" data-testid="directory-test-result">
        {t('directory:testResult.ok', { users: result.usersFound ?? 0, groups: result.groupsFound ?? 0 })}
      </Alert>
    );
  }
  const failure = result.failure!;
  return (
    <Alert color="red" title={t('directory:testResult.failed', { step: t(`directory:testResult.steps.${failure.step}`) })} data-testid="directory-test-result">
      {failure.detail}
    </Alert>
  );
}

/** The connection form: server and certificate, bind account, search, mapping, limits and schedule. */
export function ConnectionPanel({ settings, etag }: { settings: DirectorySettings; etag: string }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<Draft>(() => draftOf(settings));
  const [certificate, setCertificate] = useState<DirectoryCertificate | null>(null);
  const save = useSaveDirectorySettings();
  const fetchCertificate = useFetchCertificate();
  const test = useTestConnection();
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((current) => ({ ...current, [key]: value }));
  const applyPreset = (preset: DirectoryPreset) => {
    const defaults = DIRECTORY_PRESETS[preset];
    setDraft((current) => ({ ...current, preset, userFilter: defaults.userFilter, groupFilter: defaults.groupFilter, mapping: defaults.mapping }));
  };
  const error = save.error ?? fetchCertificate.error ?? test.error;
  const text = (key: keyof Draft, label: string, testId: string) => (
    <TextInput label={label} value={String(draft[key] ?? '')} onChange={(event) => set(key, event.currentTarget.value as never)} data-testid={testId} />
  );

  return (
    <Paper withBorder p="md">
      <Stack gap="md">
        <Title order={2}>{t('directory:connection.title')}</Title>
        <Group align="end">
          <Select
            label={t('directory:connection.preset')}
            data={(['active_directory', 'openldap'] as const).map((value) => ({ value, label: t(`directory:connection.presets.${value}`) }))}
            value={draft.preset}
            onChange={(value) => value !== null && set('preset', value as DirectoryPreset)}
            allowDeselect={false}
            data-testid="directory-preset"
          />
          <Button variant="default" onClick={() => applyPreset(draft.preset)} data-testid="directory-apply-preset">
            {t('directory:connection.applyPreset')}
          </Button>
        </Group>
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          {text('url', t('directory:connection.url'), 'directory-url')}
          <Switch mt="xl" label={t('directory:connection.startTls')} checked={draft.startTls} onChange={(event) => set('startTls', event.currentTarget.checked)} />
        </SimpleGrid>
        <Group>
          <Button
            variant="default"
            loading={fetchCertificate.isPending}
            onClick={() => fetchCertificate.mutate({ url: draft.url, startTls: draft.startTls }, { onSuccess: setCertificate })}
            data-testid="directory-fetch-certificate"
          >
            {t('directory:certificate.fetch')}
          </Button>
        </Group>
        <CertificateBox certificate={certificate} pin={draft.pin} onTrust={(spki) => set('pin', spki)} />
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          {text('bindDn', t('directory:connection.bindDn'), 'directory-bind-dn')}
          <PasswordInput
            label={t('directory:connection.bindPassword')}
            description={settings.passwordSet ? t('directory:connection.passwordStored') : t('directory:connection.passwordNone')}
            value={draft.bindPassword}
            onChange={(event) => set('bindPassword', event.currentTarget.value)}
            autoComplete="off"
            data-testid="directory-bind-password"
          />
          {text('baseDn', t('directory:connection.baseDn'), 'directory-base-dn')}
          <NumberInput label={t('directory:connection.pageSize')} min={1} max={5000} value={draft.pageSize} onChange={(value) => set('pageSize', Number(value) || 1)} />
          {text('userFilter', t('directory:connection.userFilter'), 'directory-user-filter')}
          {text('groupFilter', t('directory:connection.groupFilter'), 'directory-group-filter')}
        </SimpleGrid>
        <Title order={3}>{t('directory:mapping.title')}</Title>
        <SimpleGrid cols={{ base: 1, md: 3 }}>
          {MAPPING_FIELDS.map((field) => (
            <TextInput
              key={field}
              label={t(`directory:mapping.${field}`)}
              value={draft.mapping[field]}
              onChange={(event) => {
                const value = event.currentTarget.value;
                setDraft((current) => ({ ...current, mapping: { ...current.mapping, [field]: value } }));
              }}
              data-testid={`directory-mapping-${field}`}
            />
          ))}
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, md: 3 }}>
          {text('orgUnitRoot', t('directory:connection.orgUnitRoot'), 'directory-org-unit-root')}
          <NumberInput label={t('directory:connection.disableLimit')} min={0} max={100} value={draft.disableLimitPercent} onChange={(value) => set('disableLimitPercent', Number(value) || 0)} />
          <NumberInput
            label={t('directory:connection.schedule')}
            min={15}
            max={10080}
            value={draft.scheduleMinutes ?? ''}
            onChange={(value) => set('scheduleMinutes', value === '' ? null : Number(value))}
          />
        </SimpleGrid>
        {error && <Alert color="red">{describeError(error, t).message}</Alert>}
        {test.data && <TestResultBox result={test.data} />}
        {save.isSuccess && <Text c="green" size="sm">{t('directory:connection.saved')}</Text>}
        <Group>
          <Button variant="default" loading={test.isPending} onClick={() => test.mutate(inputOf(draft))} data-testid="directory-test">
            {t('directory:connection.test')}
          </Button>
          <Button
            loading={save.isPending}
            onClick={() => save.mutate({ settings: inputOf(draft), ifMatch: etag }, { onSuccess: () => set('bindPassword', '') })}
            data-testid="directory-save"
          >
            {t('directory:connection.save')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
