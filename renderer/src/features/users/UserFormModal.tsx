import { Button, Checkbox, Group, Modal, MultiSelect, PasswordInput, SegmentedControl, Stack, Switch, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Controller, useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { VersionedUser } from '../../../../common/contract';
import {
  UserDisplayName,
  UserEmail,
  UserLogin,
  type CreateUserRequest,
  type UserDetail,
  type UserFields,
  type UserLanguage,
} from '../../../../common/portal-api/users';
import { ErrorAlert } from '../../components/ErrorAlert';
import { toConsoleError } from '../../lib/errors';
import { useCreateUser, useGroupOptions, useSecurityPolicy, useUpdateUser, usersKeys } from './api';
import { comparableFields, useUserConflict } from './conflict';
import { OneTimePassword } from './OneTimePassword';
import { passwordAcceptable, PasswordRequirements } from './PasswordRequirements';

type PasswordMode = CreateUserRequest['password']['mode'];

export interface UserFormValues {
  login: string;
  displayName: string;
  email: string;
  language: UserLanguage;
  enabled: boolean;
  isAdmin: boolean;
  groupIds: string[];
  passwordMode: PasswordMode;
  password: string;
  mustChange: boolean;
}

/** i18n key of the first problem zod finds, or true. */
function fieldRule(schema: typeof UserLogin | typeof UserDisplayName | typeof UserEmail) {
  return (value: string): string | true => {
    const result = schema.safeParse(value);
    if (result.success) return true;
    const issue = result.error.issues[0];
    if (value.trim() === '') return 'users:form.errors.required';
    if (issue?.code === 'too_big') return 'users:form.errors.tooLong';
    if (issue?.code === 'too_small') return 'users:form.errors.tooShort';
    return schema === UserEmail ? 'users:form.errors.invalidEmail' : 'users:form.errors.invalidLogin';
  };
}

function valuesOf(detail: UserDetail | null): UserFormValues {
  return {
    login: detail?.login ?? '',
    displayName: detail?.displayName ?? '',
    email: detail?.email ?? '',
    language: detail?.language ?? 'de',
    enabled: detail?.enabled ?? true,
    isAdmin: detail?.isAdmin ?? false,
    groupIds: detail?.groups.map((group) => group.id) ?? [],
    passwordMode: 'generate',
    password: '',
    mustChange: true,
  };
}

export function toUserFields(values: UserFormValues): UserFields {
  const email = values.email.trim();
  return {
    login: values.login.trim(),
    displayName: values.displayName.trim(),
    email: email === '' ? null : email,
    language: values.language,
    enabled: values.enabled,
    isAdmin: values.isAdmin,
    groupIds: values.groupIds,
  };
}

function initialPassword(values: UserFormValues): CreateUserRequest['password'] {
  if (values.passwordMode === 'set') return { mode: 'set', password: values.password, mustChange: values.mustChange };
  return { mode: values.passwordMode };
}

/** Create (initial = null) or edit a user. On a concurrent change the conflict dialog lets the administrator choose. */
export function UserFormModal({ initial, onClose }: { initial: VersionedUser | null; onClose(): void }) {
  const { t } = useTranslation();
  const editing = initial !== null;
  const [etag, setEtag] = useState(initial?.etag ?? '');
  const [oneTimePassword, setOneTimePassword] = useState<{ password: string; login: string } | null>(null);
  const groups = useGroupOptions();
  const policy = useSecurityPolicy();
  const create = useCreateUser();
  const update = useUpdateUser();
  const mutation = editing ? update : create;
  const conflict = useUserConflict(update.isPending);
  const queryClient = useQueryClient();
  const form = useForm<UserFormValues>({ defaultValues: valuesOf(initial?.value ?? null), mode: 'onTouched' });
  const { errors } = form.formState;
  const values: UserFormValues = { ...form.getValues(), ...useWatch({ control: form.control }) };

  const markLoginTaken = (error: unknown) => {
    if (toConsoleError(error).details?.problemCode === 'login_taken') form.setError('login', { message: 'users:form.errors.loginTaken' });
  };

  const save = (fields: UserFields, ifMatch: string) =>
    update.mutate(
      { id: (initial as VersionedUser).value.id, ifMatch, value: fields },
      {
        onSuccess: () => {
          notifications.show({ color: 'green', message: t('users:notify.saved', { name: fields.displayName }) });
          onClose();
        },
        onError: (error) => {
          markLoginTaken(error);
          conflict.offer(error, {
            mine: comparableFields(fields, groups.data ?? []),
            keepMine: (currentEtag) => save(fields, currentEtag),
            takeTheirs: (current, currentEtag) => {
              setEtag(currentEtag);
              queryClient.setQueryData<VersionedUser>(usersKeys.detail(current.id), { etag: currentEtag, value: current });
              form.reset({ ...form.getValues(), ...valuesOf(current), passwordMode: 'generate', password: '' });
              update.reset();
            },
          });
        },
      },
    );

  const submit = form.handleSubmit((formValues) => {
    const fields = toUserFields(formValues);
    if (editing) return save(fields, etag);
    create.mutate(
      { ...fields, password: initialPassword(formValues) },
      {
        onSuccess: (saved) => {
          notifications.show({ color: 'green', message: t('users:notify.created', { name: fields.displayName }) });
          if (saved.oneTimePassword !== null) setOneTimePassword({ password: saved.oneTimePassword, login: fields.login });
          else onClose();
        },
        onError: markLoginTaken,
      },
    );
  });

  const passwordContext = { login: values.login, displayName: values.displayName, email: values.email };
  const settingPassword = !editing && values.passwordMode === 'set';
  const passwordBlocked = settingPassword && !passwordAcceptable(values.password, policy.data?.value, passwordContext);
  const translate = (message: string | undefined) => (message === undefined ? undefined : t(message));

  return (
    <Modal opened onClose={onClose} title={t(editing ? 'users:form.editTitle' : 'users:form.createTitle')} size="lg">
      {oneTimePassword !== null ? (
        <OneTimePassword password={oneTimePassword.password} login={oneTimePassword.login} onDone={onClose} />
      ) : (
        <form noValidate onSubmit={(event) => void submit(event)} data-testid="user-form">
          <Stack gap="sm">
            <Group grow align="flex-start">
              <TextInput
                label={t('users:form.login')}
                description={t('users:form.loginHint')}
                required
                data-autofocus
                autoComplete="off"
                error={translate(errors.login?.message)}
                {...form.register('login', { validate: fieldRule(UserLogin) })}
              />
              <TextInput
                label={t('users:form.displayName')}
                required
                autoComplete="off"
                error={translate(errors.displayName?.message)}
                {...form.register('displayName', { validate: fieldRule(UserDisplayName) })}
              />
            </Group>
            <TextInput
              label={t('users:form.email')}
              description={t('users:form.emailHint')}
              type="email"
              autoComplete="off"
              error={translate(errors.email?.message)}
              {...form.register('email', { validate: (value) => value.trim() === '' || fieldRule(UserEmail)(value) })}
            />
            <Group align="flex-end">
              <Controller
                control={form.control}
                name="language"
                render={({ field }) => (
                  <Stack gap={4}>
                    <Text size="sm" fw={500} id="user-language-label">
                      {t('users:form.language')}
                    </Text>
                    <SegmentedControl
                      aria-labelledby="user-language-label"
                      value={field.value}
                      onChange={(value) => field.onChange(value as UserLanguage)}
                      data={[
                        { value: 'de', label: t('users:form.languages.de') },
                        { value: 'en', label: t('users:form.languages.en') },
                      ]}
                    />
                  </Stack>
                )}
              />
              <Controller
                control={form.control}
                name="enabled"
                render={({ field }) => <Switch label={t('users:form.enabled')} checked={field.value} onChange={(event) => field.onChange(event.currentTarget.checked)} />}
              />
              <Controller
                control={form.control}
                name="isAdmin"
                render={({ field }) => (
                  <Switch label={t('users:form.isAdmin')} color="violet" checked={field.value} onChange={(event) => field.onChange(event.currentTarget.checked)} />
                )}
              />
            </Group>
            <Controller
              control={form.control}
              name="groupIds"
              render={({ field }) => (
                <MultiSelect
                  label={t('users:form.groups')}
                  placeholder={t('users:form.groupsPlaceholder')}
                  data={(groups.data ?? []).map((group) => ({ value: group.id, label: group.name }))}
                  value={field.value}
                  onChange={field.onChange}
                  searchable
                  clearable
                  nothingFoundMessage={t('users:list.noGroups')}
                />
              )}
            />
            {!editing && <InitialPasswordFields form={form} values={values} policy={policy.data?.value} context={passwordContext} />}
            {mutation.error && <ErrorAlert error={mutation.error} />}
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>
                {t('common:actions.cancel')}
              </Button>
              <Button type="submit" loading={mutation.isPending} disabled={passwordBlocked} data-testid="user-form-submit">
                {t(editing ? 'common:actions.save' : 'users:form.create')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
      {conflict.dialog}
    </Modal>
  );
}

interface InitialPasswordFieldsProps {
  form: ReturnType<typeof useForm<UserFormValues>>;
  values: UserFormValues;
  policy: Parameters<typeof PasswordRequirements>[0]['policy'] | undefined;
  context: { login: string; displayName: string; email: string };
}

function InitialPasswordFields({ form, values, policy, context }: InitialPasswordFieldsProps) {
  const { t } = useTranslation();
  const modes: PasswordMode[] = ['generate', 'set', 'none'];
  return (
    <Stack gap={6}>
      <Text size="sm" fw={500} id="initial-password-label">
        {t('users:form.password.label')}
      </Text>
      <Controller
        control={form.control}
        name="passwordMode"
        render={({ field }) => (
          <SegmentedControl
            aria-labelledby="initial-password-label"
            value={field.value}
            onChange={(value) => field.onChange(value as PasswordMode)}
            data={modes.map((mode) => ({ value: mode, label: t(`users:form.password.${mode}`) }))}
            data-testid="password-mode"
          />
        )}
      />
      <Text size="xs" c="dimmed">
        {t(`users:form.password.${values.passwordMode}Hint`)}
      </Text>
      {values.passwordMode === 'set' && (
        <>
          <PasswordInput label={t('users:form.password.value')} autoComplete="new-password" {...form.register('password')} />
          {policy && <PasswordRequirements password={values.password} policy={policy} context={context} />}
          <Controller
            control={form.control}
            name="mustChange"
            render={({ field }) => (
              <Checkbox label={t('users:form.password.mustChange')} checked={field.value} onChange={(event) => field.onChange(event.currentTarget.checked)} />
            )}
          />
        </>
      )}
    </Stack>
  );
}
