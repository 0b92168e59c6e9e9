import { Button, FileButton, Group, SegmentedControl, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDownload, IconSearch, IconUpload } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { ProfileView } from '../../../../common/contract';
import type { Environment } from '../../../../common/portal-api/common';
import { describeError } from '../../lib/errors';
import { useExportProfiles, useImportProfiles } from './api';

export type EnvironmentFilter = Environment | 'all';

export interface ProfileFilter {
  text: string;
  environment: EnvironmentFilter;
}

/** Every word must occur in the name or the address; 200 profiles filter in well under a frame. */
export function filterProfiles(profiles: ProfileView[], filter: ProfileFilter): ProfileView[] {
  const words = filter.text.toLowerCase().split(/\s+/).filter(Boolean);
  return profiles.filter(
    (profile) =>
      (filter.environment === 'all' || profile.environment === filter.environment) &&
      words.every((word) => profile.name.toLowerCase().includes(word) || profile.url.toLowerCase().includes(word)),
  );
}

export function ProfileToolbar({ filter, onChange }: { filter: ProfileFilter; onChange(filter: ProfileFilter): void }) {
  const { t } = useTranslation();
  const exportProfiles = useExportProfiles();
  const importProfiles = useImportProfiles();
  const failed = (error: unknown) => {
    const { title, message } = describeError(error, t);
    notifications.show({ color: 'red', title, message });
  };
  return (
    <Group gap="sm" wrap="wrap">
      <TextInput
        aria-label={t('connect:dashboard.search')}
        placeholder={t('connect:dashboard.search')}
        leftSection={<IconSearch size={14} aria-hidden />}
        value={filter.text}
        onChange={(event) => onChange({ ...filter, text: event.currentTarget.value })}
        data-testid="profile-search"
        style={{ flex: 1, minWidth: 200 }}
      />
      <SegmentedControl
        aria-label={t('connect:dashboard.environment')}
        value={filter.environment}
        onChange={(value) => onChange({ ...filter, environment: value as EnvironmentFilter })}
        data={[
          { value: 'all', label: t('connect:dashboard.all') },
          { value: 'prod', label: t('common:environment.prod') },
          { value: 'test', label: t('common:environment.test') },
          { value: 'dev', label: t('common:environment.dev') },
        ]}
      />
      <Button variant="default" leftSection={<IconDownload size={16} aria-hidden />} loading={exportProfiles.isPending} onClick={() => exportProfiles.mutate(undefined, { onError: failed })}>
        {t('connect:dashboard.export')}
      </Button>
      <FileButton
        accept="application/json"
        onChange={(file) =>
          file &&
          importProfiles.mutate(file, {
            onError: failed,
            onSuccess: (result) =>
              notifications.show({ color: 'green', message: t('connect:dashboard.imported', { added: result.added.length, skipped: result.skipped.length }) }),
          })
        }
      >
        {(props) => (
          <Button variant="default" leftSection={<IconUpload size={16} aria-hidden />} loading={importProfiles.isPending} {...props}>
            {t('connect:dashboard.import')}
          </Button>
        )}
      </FileButton>
    </Group>
  );
}
