import { Alert, Button, Card, Group, List, Modal, Stack, Text } from '@mantine/core';
import { IconCloudOff, IconDeviceFloppy, IconInbox, IconLifebuoy } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OutboxEntry } from '../../../../common/contract/support';
import type { Environment } from '../../../../common/portal-api/common';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useOutbox, useQueueOfflineTicket, useUnstage } from './api';
import { SeverityBadge } from './Badges';
import { useOfflineTicketDraftStore } from './draft-store';
import { blockingIssues, chosenSeverity, emptyTicketForm, formIssues, toDraft, type TicketForm } from './form-model';
import { TicketFormCards } from './TicketFormCards';
import { profileNameLabel } from '../../lib/profile-label';

/** What the offline form needs of a connection profile. */
export interface OfflineTicketProfile {
  id: string;
  name: string;
  environment: Environment;
}

/**
 * For the connect page: write a ticket for a profile without being signed in (its portal is down, or the
 * sign-in failed). The ticket waits in that profile's outbox on this computer until the next sign-in.
 */
export function OfflineTicketButton({ profile }: { profile: OfflineTicketProfile }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant="light" color="orange" leftSection={<IconLifebuoy size={16} aria-hidden />} onClick={() => setOpen(true)} data-testid="offline-ticket">
        {t('support:offline.open')}
      </Button>
      {open && <OfflineTicketModal profile={profile} onClose={() => setOpen(false)} />}
    </>
  );
}

export function OfflineTicketModal({ profile, onClose }: { profile: OfflineTicketProfile; onClose(): void }) {
  const { t } = useTranslation();
  const { form, attempted, profileId, start } = useOfflineTicketDraftStore();
  const [queued, setQueued] = useState<OutboxEntry | null>(null);
  const fresh = () => start(emptyTicketForm(profile.environment, ''), profile.id);
  const name = profileNameLabel(profile.id, profile.name, t);

  useEffect(() => {
    if (form === null || profileId !== profile.id) start(emptyTicketForm(profile.environment, ''), profile.id);
  }, [form, profileId, profile.id, profile.environment, start]);

  return (
    <Modal opened onClose={onClose} fullScreen title={t('support:offline.title', { name })}>
      <Stack gap="md" maw={960} mx="auto">
        <Alert color="orange" icon={<IconCloudOff aria-hidden />} title={t('support:offline.notSignedIn', { name })} data-testid="offline-notice">
          {t('support:offline.explain', { name })}
        </Alert>
        {queued ? (
          <QueuedNotice
            entry={queued}
            onAnother={() => {
              setQueued(null);
              fresh();
            }}
            onClose={onClose}
          />
        ) : (
          form !== null && profileId === profile.id && <OfflineForm form={form} attempted={attempted} profile={profile} onQueued={setQueued} />
        )}
        <WaitingForSignIn profileId={profile.id} />
      </Stack>
    </Modal>
  );
}

interface OfflineFormProps {
  form: TicketForm;
  attempted: boolean;
  profile: OfflineTicketProfile;
  onQueued(entry: OutboxEntry): void;
}

function OfflineForm({ form, attempted, profile, onQueued }: OfflineFormProps) {
  const { t } = useTranslation();
  const { markAttempted, clear } = useOfflineTicketDraftStore();
  const queue = useQueueOfflineTicket();
  const unstage = useUnstage();
  const issues = formIssues(form);
  const blocking = blockingIssues(issues);
  const submit = () => {
    markAttempted();
    if (blocking.length > 0) return;
    queue.mutate(
      { ...toDraft(form), profileId: profile.id },
      {
        onSuccess: (entry) => {
          clear();
          onQueued(entry);
        },
      },
    );
  };
  const discard = () => {
    form.attachments.forEach((attachment) => unstage.mutate(attachment.id));
    clear();
  };
  return (
    <Stack gap="md">
      <TicketFormCards form={form} attempted={attempted} issues={issues} store={useOfflineTicketDraftStore} offlineProfileId={profile.id} />
      <Card withBorder padding="lg" data-testid="offline-ticket-summary">
        <Stack gap="sm">
          <Group gap="xs">
            <Text fw={600}>{t('support:form.summary.severity')}</Text>
            {form.impact === null ? <Text size="sm" c="dimmed">–</Text> : <SeverityBadge severity={chosenSeverity(form)} />}
          </Group>
          <Text size="sm" c="dimmed">{t('support:offline.clock')}</Text>
          {attempted && blocking.length > 0 && (
            <Text size="sm" c="red" data-testid="form-issue-count">{t('support:form.summary.issues', { count: blocking.length })}</Text>
          )}
          {queue.error && <ErrorAlert error={queue.error} onClose={() => queue.reset()} />}
          <Group justify="space-between">
            <Button variant="subtle" color="red" onClick={discard}>{t('support:form.discard')}</Button>
            <Button leftSection={<IconDeviceFloppy size={16} aria-hidden />} onClick={submit} loading={queue.isPending} data-testid="queue-offline-ticket">
              {t('support:offline.save')}
            </Button>
          </Group>
        </Stack>
      </Card>
    </Stack>
  );
}

function QueuedNotice({ entry, onAnother, onClose }: { entry: OutboxEntry; onAnother(): void; onClose(): void }) {
  const { t } = useTranslation();
  return (
    <Alert color="green" icon={<IconInbox aria-hidden />} title={t('support:offline.savedTitle')} data-testid="offline-ticket-saved">
      <Stack gap="sm">
        <Text size="sm">{t('support:offline.savedBody', { subject: entry.subject, name: profileNameLabel(entry.profileId, entry.profileName, t) })}</Text>
        <Group>
          <Button variant="default" onClick={onAnother}>{t('support:offline.another')}</Button>
          <Button onClick={onClose}>{t('common:actions.close')}</Button>
        </Group>
      </Stack>
    </Alert>
  );
}

/** Every ticket of this profile that waits on this computer for the next sign-in. */
function WaitingForSignIn({ profileId }: { profileId: string }) {
  const { t } = useTranslation();
  const waiting = (useOutbox().data ?? []).filter((entry) => entry.profileId === profileId);
  if (waiting.length === 0) return null;
  return (
    <Card withBorder padding="md" data-testid="offline-waiting">
      <Text size="sm" fw={600}>{t('support:offline.waiting', { count: waiting.length })}</Text>
      <List size="sm" mt="xs">
        {waiting.map((entry) => (
          <List.Item key={entry.id}>
            <Group gap="xs">
              <SeverityBadge severity={entry.severity} />
              {entry.subject}
            </Group>
          </List.Item>
        ))}
      </List>
    </Card>
  );
}
