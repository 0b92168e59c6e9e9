import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  Loader,
  NumberInput,
  PasswordInput,
  Radio,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  TagsInput,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconBulb, IconCircleCheck, IconCircleX } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { VersionedSecurityPolicy } from '../../../../common/contract';
import { isCommonPassword } from '../../../../common/domain/common-passwords';
import { PASSWORD_MIN_LENGTH_FLOOR, type PolicyIssue, type PresetName } from '../../../../common/domain/password-policy';
import { Inviters, MemberDataVisibility, MembershipMode, SecurityPreset, type SecurityPolicy } from '../../../../common/portal-api/security-policy';
import { REMEMBERED_SESSION_DAYS, SESSION_HOURS } from '../../../../common/portal-api/session';
import { ConflictDialog } from '../../components/ConflictDialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { preconditionConflict } from '../../lib/errors';
import { useSaveSecurityPolicy, useSecurityPolicy, usersKeys } from './api';
import { PasswordRequirements } from './PasswordRequirements';
import {
  changeLockout,
  changePassword,
  changeRememberMe,
  chooseMembershipMode,
  choosePreset,
  hintsFor,
  issuesFor,
  policyIssues,
  registrationCodeOf,
  samePolicy,
} from './policy-draft';

/** The portal-wide security policy: the saved version, edited as a draft. */
export function SecurityPolicyPage() {
  const policy = useSecurityPolicy();
  if (policy.isPending) return <Loader />;
  if (policy.error) return <ErrorAlert error={policy.error} onRetry={() => void policy.refetch()} />;
  // A new saved version (after saving or taking the portal's) starts a fresh draft.
  return <PolicyEditor key={policy.data.etag} saved={policy.data} />;
}

interface EditorContext {
  draft: SecurityPolicy;
  issues: PolicyIssue[];
  update(next: SecurityPolicy): void;
}

const POLICY_PATHS = [
  'membership.mode',
  'membership.inviters',
  'membership.registrationCode',
  'guests.enabled',
  'guests.allowedAreas',
  'memberDataVisibility',
  'preset',
  'password.minLength',
  'password.expiryDays',
  'password.requireComplexity',
  'password.rejectCommonPasswords',
  'password.neverSendByEmail',
  'lockout.maxFailures',
  'lockout.minutes',
  'disableRememberMe',
];

function PolicyEditor({ saved }: { saved: VersionedSecurityPolicy }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<SecurityPolicy>(saved.value);
  const [conflict, setConflict] = useState<{ current: SecurityPolicy; currentEtag: string } | null>(null);
  const save = useSaveSecurityPolicy();
  const issues = policyIssues(draft);
  const dirty = !samePolicy(draft, saved.value);
  const context: EditorContext = { draft, issues, update: setDraft };

  const submit = (ifMatch: string) =>
    save.mutate(
      { ifMatch, value: draft },
      {
        onSuccess: () => notifications.show({ color: 'green', message: t('users:policy.saved') }),
        onError: (error) => {
          const precondition = preconditionConflict(error);
          if (precondition?.currentEtag) setConflict({ current: precondition.current as SecurityPolicy, currentEtag: precondition.currentEtag });
        },
      },
    );

  const fieldLabels = Object.fromEntries(POLICY_PATHS.map((path) => [path, t(`users:policy.fields.${path}`)]));
  return (
    <Stack gap="md" data-testid="security-policy">
      <Text size="sm" c="dimmed">
        {t('users:policy.intro')}
      </Text>
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <PresetCard {...context} />
        <PasswordCard {...context} />
        <SignInCard {...context} />
        <MembershipCard {...context} />
        <GuestsCard {...context} />
        <TryPasswordCard draft={draft} />
      </SimpleGrid>
      {save.error && preconditionConflict(save.error) === null && <ErrorAlert error={save.error} />}
      <Card withBorder pos="sticky" bottom={0} style={{ zIndex: 2 }}>
        <Group justify="space-between">
          <Text size="sm" c={issues.length > 0 ? 'red' : 'dimmed'} data-testid="policy-status">
            {issues.length > 0 ? t('users:policy.hasIssues', { count: issues.length }) : dirty ? t('users:policy.unsaved') : t('users:policy.upToDate')}
          </Text>
          <Group gap="xs">
            <Button variant="default" disabled={!dirty || save.isPending} onClick={() => setDraft(saved.value)}>
              {t('users:policy.discard')}
            </Button>
            <Button disabled={!dirty || issues.length > 0} loading={save.isPending} onClick={() => submit(saved.etag)} data-testid="policy-save">
              {t('common:actions.save')}
            </Button>
          </Group>
        </Group>
      </Card>
      {conflict && (
        <ConflictDialog
          mine={draft}
          theirs={conflict.current}
          busy={save.isPending}
          labels={{ title: t('users:policy.conflictTitle'), fields: fieldLabels }}
          onCancel={() => setConflict(null)}
          onKeepMine={() => {
            submit(conflict.currentEtag);
            setConflict(null);
          }}
          onTakeTheirs={() => {
            queryClient.setQueryData<VersionedSecurityPolicy>(usersKeys.policy(), { etag: conflict.currentEtag, value: conflict.current });
            setConflict(null);
          }}
        />
      )}
    </Stack>
  );
}

function Section({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
  return (
    <Card withBorder data-testid={testId}>
      <Title order={2} size="h4" mb="sm">
        {title}
      </Title>
      <Stack gap="sm">{children}</Stack>
    </Card>
  );
}

/** Where current guidance disagrees with a setting: informational, the administrator decides. */
function Guidance({ draft, setting }: { draft: SecurityPolicy; setting: string }) {
  const { t } = useTranslation();
  return (
    <>
      {hintsFor(draft, setting).map((hint) => (
        <Alert key={hint.code} color="yellow" variant="light" icon={<IconBulb size={16} aria-hidden />} p="xs" data-testid={`guidance-${hint.code}`}>
          <Text size="xs">
            {t(`users:policy.guidance.${hint.code}`)}{' '}
            <Badge size="xs" variant="outline" color="gray">
              {hint.source}
            </Badge>
          </Text>
        </Alert>
      ))}
    </>
  );
}

function useIssueText() {
  const { t } = useTranslation();
  return (issues: PolicyIssue[]): string | undefined =>
    issues.length === 0 ? undefined : issues.map((issue) => t(`users:policy.issues.${issue.code}`, { ...issue.params, defaultValue: issue.code })).join(' ');
}

/** NumberInput reports '' while empty; the draft keeps NaN so the checks name the field. */
function numberOf(value: string | number): number {
  return typeof value === 'number' ? value : Number.NaN;
}

function PresetCard({ draft, update }: EditorContext) {
  const { t } = useTranslation();
  return (
    <Section title={t('users:policy.sections.preset')} testId="policy-preset">
      <SegmentedControl
        value={draft.preset}
        onChange={(value) => update(choosePreset(draft, SecurityPreset.parse(value) as PresetName | 'custom'))}
        data={SecurityPreset.options.map((preset) => ({ value: preset, label: t(`users:policy.presets.${preset}`) }))}
        aria-label={t('users:policy.fields.preset')}
        data-testid="policy-preset-control"
      />
      <Text size="sm" c="dimmed">
        {t(`users:policy.presetHints.${draft.preset}`)}
      </Text>
    </Section>
  );
}

function PasswordCard({ draft, issues, update }: EditorContext) {
  const { t } = useTranslation();
  const issueText = useIssueText();
  const password = draft.password;
  return (
    <Section title={t('users:policy.sections.password')} testId="policy-password">
      <NumberInput
        label={t('users:policy.fields.password.minLength')}
        description={t('users:policy.minLengthHint')}
        min={PASSWORD_MIN_LENGTH_FLOOR}
        max={128}
        allowDecimal={false}
        value={Number.isNaN(password.minLength) ? '' : password.minLength}
        onChange={(value) => update(changePassword(draft, { minLength: numberOf(value) }))}
        error={issueText(issuesFor(issues, 'password.minLength'))}
        data-testid="policy-min-length"
      />
      <Guidance draft={draft} setting="password.minLength" />
      <NumberInput
        label={t('users:policy.fields.password.expiryDays')}
        description={t('users:policy.expiryHint')}
        min={0}
        max={3650}
        allowDecimal={false}
        value={Number.isNaN(password.expiryDays) ? '' : password.expiryDays}
        onChange={(value) => update(changePassword(draft, { expiryDays: numberOf(value) }))}
        error={issueText(issuesFor(issues, 'password.expiryDays'))}
      />
      <Guidance draft={draft} setting="password.expiryDays" />
      <Switch
        label={t('users:policy.fields.password.requireComplexity')}
        description={t('users:policy.complexityHint')}
        checked={password.requireComplexity}
        onChange={(event) => update(changePassword(draft, { requireComplexity: event.currentTarget.checked }))}
      />
      <Guidance draft={draft} setting="password.requireComplexity" />
      <Switch
        label={t('users:policy.fields.password.rejectCommonPasswords')}
        checked={password.rejectCommonPasswords}
        onChange={(event) => update(changePassword(draft, { rejectCommonPasswords: event.currentTarget.checked }))}
      />
      <Guidance draft={draft} setting="password.rejectCommonPasswords" />
      <Switch
        label={t('users:policy.fields.password.neverSendByEmail')}
        description={t('users:policy.neverSendByEmailHint')}
        checked={password.neverSendByEmail}
        data-testid="policy-never-send-by-email"
        onChange={(event) => update(changePassword(draft, { neverSendByEmail: event.currentTarget.checked }))}
      />
      <Guidance draft={draft} setting="password.neverSendByEmail" />
    </Section>
  );
}

function SignInCard({ draft, issues, update }: EditorContext) {
  const { t } = useTranslation();
  const issueText = useIssueText();
  return (
    <Section title={t('users:policy.sections.signIn')}>
      <Group grow align="flex-start">
        <NumberInput
          label={t('users:policy.fields.lockout.maxFailures')}
          description={t('users:policy.lockoutHint')}
          min={0}
          max={100}
          allowDecimal={false}
          value={Number.isNaN(draft.lockout.maxFailures) ? '' : draft.lockout.maxFailures}
          onChange={(value) => update(changeLockout(draft, { maxFailures: numberOf(value) }))}
          error={issueText(issuesFor(issues, 'lockout.maxFailures'))}
        />
        <NumberInput
          label={t('users:policy.fields.lockout.minutes')}
          min={1}
          max={1440}
          allowDecimal={false}
          value={Number.isNaN(draft.lockout.minutes) ? '' : draft.lockout.minutes}
          onChange={(value) => update(changeLockout(draft, { minutes: numberOf(value) }))}
          error={issueText(issuesFor(issues, 'lockout.minutes'))}
          disabled={draft.lockout.maxFailures === 0}
        />
      </Group>
      <Guidance draft={draft} setting="lockout.maxFailures" />
      <Switch
        label={t('users:policy.fields.disableRememberMe')}
        description={t(`users:policy.rememberMeHint.${draft.disableRememberMe ? 'disabled' : 'allowed'}`, {
          hours: SESSION_HOURS,
          days: REMEMBERED_SESSION_DAYS,
        })}
        data-testid="policy-remember-me"
        checked={draft.disableRememberMe}
        onChange={(event) => update(changeRememberMe(draft, event.currentTarget.checked))}
      />
    </Section>
  );
}

function MembershipCard({ draft, issues, update }: EditorContext) {
  const { t } = useTranslation();
  const issueText = useIssueText();
  const membership = draft.membership;
  const setMembership = (change: Partial<SecurityPolicy['membership']>) => update({ ...draft, membership: { ...membership, ...change } });
  return (
    <Section title={t('users:policy.sections.membership')}>
      <Radio.Group
        label={t('users:policy.fields.membership.mode')}
        value={membership.mode}
        onChange={(value) => update(chooseMembershipMode(draft, MembershipMode.parse(value)))}
      >
        <Stack gap={6} mt={4}>
          {MembershipMode.options.map((mode) => (
            <Radio key={mode} value={mode} label={t(`users:policy.membershipModes.${mode}`)} />
          ))}
        </Stack>
      </Radio.Group>
      {membership.mode === 'admins_only' && (
        <Text size="sm" c="dimmed" data-testid="policy-admins-only-note">
          {t('users:policy.adminsOnlyNote')}
        </Text>
      )}
      {membership.mode === 'open' && (
        <Text size="sm" c="dimmed">
          {t('users:policy.openNote')}
        </Text>
      )}
      {membership.mode === 'invitation' && (
        <>
          <Radio.Group
            label={t('users:policy.fields.membership.inviters')}
            value={membership.inviters}
            onChange={(value) => setMembership({ inviters: Inviters.catch('admins').parse(value) })}
            data-testid="policy-inviters"
          >
            <Stack gap={6} mt={4}>
              {Inviters.options.map((inviters) => (
                <Radio key={inviters} value={inviters} label={t(`users:policy.inviters.${inviters}`)} />
              ))}
            </Stack>
          </Radio.Group>
          <TextInput
            label={t('users:policy.fields.membership.registrationCode')}
            description={t('users:policy.registrationCodeHint')}
            value={membership.registrationCode ?? ''}
            onChange={(event) => setMembership({ registrationCode: registrationCodeOf(event.currentTarget.value) })}
            error={issueText(issuesFor(issues, 'membership.registrationCode'))}
            autoComplete="off"
            withAsterisk
            data-testid="policy-registration-code"
          />
        </>
      )}
    </Section>
  );
}

function GuestsCard({ draft, issues, update }: EditorContext) {
  const { t } = useTranslation();
  const issueText = useIssueText();
  return (
    <Section title={t('users:policy.sections.guests')}>
      <Switch
        label={t('users:policy.fields.guests.enabled')}
        checked={draft.guests.enabled}
        onChange={(event) => update({ ...draft, guests: { ...draft.guests, enabled: event.currentTarget.checked } })}
      />
      <TagsInput
        label={t('users:policy.fields.guests.allowedAreas')}
        description={t('users:policy.areasHint')}
        value={draft.guests.allowedAreas}
        onChange={(allowedAreas) => update({ ...draft, guests: { ...draft.guests, allowedAreas } })}
        disabled={!draft.guests.enabled}
        error={issueText(issuesFor(issues, 'guests.allowedAreas'))}
        allowDuplicates
      />
      <Select
        label={t('users:policy.fields.memberDataVisibility')}
        value={draft.memberDataVisibility}
        onChange={(value) => update({ ...draft, memberDataVisibility: MemberDataVisibility.catch('members').parse(value) })}
        data={MemberDataVisibility.options.map((who) => ({ value: who, label: t(`users:policy.visibility.${who}`) }))}
        allowDeselect={false}
      />
    </Section>
  );
}

/** Tries a password against the draft, before anything is saved. */
function TryPasswordCard({ draft }: { draft: SecurityPolicy }) {
  const { t } = useTranslation();
  const [candidate, setCandidate] = useState('');
  const common = candidate !== '' && isCommonPassword(candidate);
  return (
    <Section title={t('users:policy.sections.try')} testId="policy-try">
      <PasswordInput label={t('users:policy.tryLabel')} value={candidate} onChange={(event) => setCandidate(event.currentTarget.value)} autoComplete="off" />
      <PasswordRequirements password={candidate} policy={draft} testId="policy-try-requirements" />
      {candidate !== '' && (
        <Group gap={6}>
          {common ? <IconCircleX size={16} color="var(--mantine-color-red-6)" aria-hidden /> : <IconCircleCheck size={16} color="var(--mantine-color-green-6)" aria-hidden />}
          <Text size="xs">{t(common ? 'users:policy.onCommonList' : 'users:policy.notOnCommonList')}</Text>
        </Group>
      )}
    </Section>
  );
}
