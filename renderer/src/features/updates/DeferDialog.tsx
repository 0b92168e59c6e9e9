import { Button, Group, Modal, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Release } from '../../../../common/portal-api/updates';
import { ConflictDialog } from '../../components/ConflictDialog';
import { preconditionConflict } from '../../lib/errors';
import { useChangeDeferral, useDefer } from './api';
import { SecuritySchedule, WindowAfterDeferral } from './DeferralDetails';
import { RefusalAlert } from './parts';
import { applyDeadline, checkDeferral, deferralLimit, fromZonedInput, toZonedInput } from './schedule';
import { useUpdatesView } from './view';
import { formatZoned } from './zoned-format';

const MIN_REASON_LENGTH = 3;

export interface DeferDialogProps {
  /** A major release; with a deferral the dialog changes (extends) it, without one it creates it. */
  release: Release;
  onClose(): void;
}

/**
 * Defer a major release or move the end of its deferral, explaining the limit before the portal refuses: the
 * update must be applied within 6 months, so the deferral ends by the start of the last window before then.
 */
export function DeferDialog({ release, onClose }: DeferDialogProps) {
  const { t } = useTranslation();
  const { zone, language, now } = useUpdatesView();
  // The version the administrator started from: a change made meanwhile must surface as a conflict (412).
  const [existing] = useState(release.deferral);
  const limit = deferralLimit(release, zone);
  const [untilText, setUntilText] = useState(() => toZonedInput(existing ? new Date(existing.value.until) : limit, zone));
  const [reason, setReason] = useState(existing?.value.reason ?? '');
  const [submitted, setSubmitted] = useState(false);
  const create = useDefer();
  const change = useChangeDeferral();
  const mutation = existing ? change : create;

  const until = fromZonedInput(untilText, zone);
  const check = until === null ? null : checkDeferral(release, until, now, zone);
  const limitText = formatZoned(limit, language, zone);
  const untilError = until === null ? t('updates:deferDialog.untilMissing') : check && !check.ok ? t(`updates:refusal.${check.code}`, { limit: limitText }) : null;
  const reasonError = reason.trim().length < MIN_REASON_LENGTH ? t('updates:deferDialog.reasonTooShort') : null;
  const valid = untilError === null && reasonError === null;
  const conflict = mutation.error ? preconditionConflict(mutation.error) : null;

  const save = (ifMatch?: string) => {
    setSubmitted(true);
    if (!valid || until === null) return;
    const options = { onSuccess: onClose };
    if (existing) {
      const changedReason = reason.trim() === existing.value.reason ? undefined : reason.trim();
      change.mutate({ releaseId: release.id, until: until.toISOString(), ifMatch: ifMatch ?? existing.etag, ...(changedReason ? { reason: changedReason } : {}) }, options);
    } else {
      create.mutate({ releaseId: release.id, until: until.toISOString(), reason: reason.trim() }, options);
    }
  };

  const title = t(existing ? 'updates:deferDialog.changeTitle' : 'updates:deferDialog.createTitle', { version: release.version });
  return (
    <>
      <Modal opened={conflict === null} onClose={onClose} title={title} size="lg" data-testid="defer-dialog">
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            save();
          }}
        >
          <Stack gap="sm">
            <TextInput
              type="datetime-local"
              label={t('updates:deferDialog.until', { zone })}
              description={t('updates:deferDialog.untilHint', {
                limit: limitText,
                released: formatZoned(release.releasedAt, language, zone),
                deadline: formatZoned(applyDeadline(release, zone), language, zone),
              })}
              value={untilText}
              onChange={(event) => setUntilText(event.currentTarget.value)}
              max={toZonedInput(limit, zone)}
              error={untilError}
              required
              data-autofocus
            />
            <Group>
              <Button variant="subtle" size="compact-sm" onClick={() => setUntilText(toZonedInput(limit, zone))}>
                {t('updates:deferDialog.useLimit')}
              </Button>
            </Group>
            <Textarea
              label={t('updates:deferDialog.reason')}
              description={t('updates:deferDialog.reasonHint')}
              value={reason}
              onChange={(event) => setReason(event.currentTarget.value)}
              error={submitted ? reasonError : null}
              required
              autosize
              minRows={2}
              maxLength={1000}
            />
            {until !== null && check?.ok && (
              <Stack gap="xs">
                <WindowAfterDeferral until={until} />
                <SecuritySchedule major={release} until={until} />
              </Stack>
            )}
            {mutation.error && conflict === null && <RefusalAlert error={mutation.error} limit={limitText} />}
            <Text size="xs" c="dimmed">
              {t('updates:releases.securityNotDeferrable')}
            </Text>
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>
                {t('common:actions.cancel')}
              </Button>
              <Button type="submit" loading={mutation.isPending} disabled={untilError !== null}>
                {t(existing ? 'updates:deferDialog.submitChange' : 'updates:deferDialog.submitCreate')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
      {conflict && existing && (
        <ConflictDialog
          mine={{ until: until ? formatZoned(until, language, zone) : untilText, reason: reason.trim() }}
          theirs={conflictView(conflict.current, language, zone)}
          labels={{
            title: t('updates:conflict.deferralTitle'),
            keepMine: t('updates:conflict.keepDeferral'),
            fields: fieldLabels(t),
          }}
          busy={mutation.isPending}
          onKeepMine={() => save(conflict.currentEtag ?? undefined)}
          onTakeTheirs={onClose}
          onCancel={() => mutation.reset()}
        />
      )}
    </>
  );
}

/** The portal's current deferral, in the same readable form as the administrator's version. */
export function conflictView(current: unknown, language: string, zone: string): Record<string, unknown> {
  if (typeof current !== 'object' || current === null) return {};
  const value = current as Record<string, unknown>;
  const formatted = (key: string) => (typeof value[key] === 'string' ? formatZoned(value[key] as string, language, zone) : value[key]);
  return { until: formatted('until'), reason: value.reason, updatedBy: value.updatedBy, updatedAt: formatted('updatedAt') };
}

export function fieldLabels(t: (key: string) => string): Record<string, string> {
  const keys = ['until', 'reason', 'track', 'version', 'timeZone', 'updatedBy', 'updatedAt'];
  return Object.fromEntries(keys.map((key) => [key, t(`updates:conflict.fields.${key}`)]));
}
