import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../components/ErrorAlert';

/** Asks what changed (for the version history) before publishing. */
export function PublishDialog({ nextVersion, busy, error, onPublish, onClose }: {
  nextVersion: number;
  busy: boolean;
  error: unknown;
  onPublish: (comment: string) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [comment, setComment] = useState('');
  return (
    <Modal opened onClose={onClose} title={t('applications:publish.title', { version: nextVersion })} data-testid="publish-dialog">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          onPublish(comment);
        }}
      >
        <Stack gap="sm">
          <Text size="sm">{t('applications:publish.intro')}</Text>
          {error !== null && error !== undefined && <ErrorAlert error={error} />}
          <Textarea label={t('applications:publish.comment')} value={comment} onChange={(e) => setComment(e.currentTarget.value)} maxLength={500} autosize minRows={2} data-autofocus />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose} disabled={busy}>
              {t('common:actions.cancel')}
            </Button>
            <Button type="submit" loading={busy} data-testid="publish-confirm">
              {t('applications:publish.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
