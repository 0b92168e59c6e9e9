import { zodResolver } from '@hookform/resolvers/zod';
import { Button, Checkbox, Code, Group, Input, Modal, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { ProfileView } from '../../../../common/contract';
import { Environment } from '../../../../common/portal-api/common';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useCreateProfile, useUpdateProfile } from './api';
import { emptyProfileForm, ProfileFormValues, profileToForm, toCreateRequest, toUpdateRequest } from './profile-form-schema';

const monospaceInput = { input: { fontFamily: 'var(--mantine-font-family-monospace)' } };

const PIN_COMMAND = 'openssl x509 -in portal.pem -pubkey -noout | openssl pkey -pubin -outform der | openssl dgst -sha256 -binary | openssl enc -base64';

export interface ProfileFormModalProps {
  /** The profile to edit; undefined adds a new one. */
  profile?: ProfileView;
  /** Values a new profile starts with (e.g. a test instance of a production portal). */
  initial?: Partial<ProfileFormValues>;
  onClose(): void;
  onSaved?(profile: ProfileView): void;
}

/** Add or edit a connection profile. Rendered only while open, so each opening starts fresh. */
export function ProfileFormModal({ profile, initial, onClose, onSaved }: ProfileFormModalProps) {
  const { t } = useTranslation();
  const editing = profile !== undefined;
  const create = useCreateProfile();
  const update = useUpdateProfile();
  const mutation = editing ? update : create;
  const form = useForm<ProfileFormValues>({
    resolver: zodResolver(ProfileFormValues),
    defaultValues: profile ? profileToForm(profile) : { ...emptyProfileForm(), ...initial },
  });
  const fieldError = (name: keyof ProfileFormValues) => {
    const message = form.formState.errors[name]?.message;
    return message ? t(message) : undefined;
  };

  const submit = form.handleSubmit(async (values) => {
    const saved = profile ? await update.mutateAsync(toUpdateRequest(profile.id, values)) : await create.mutateAsync(toCreateRequest(values));
    onSaved?.(saved);
    onClose();
  });

  return (
    <Modal opened onClose={onClose} title={t(editing ? 'connect:form.editTitle' : 'connect:form.createTitle')} size="lg">
      <form
        noValidate
        onSubmit={(event) => {
          // Errors are shown by the mutation state; the form keeps every value.
          submit(event).catch(() => undefined);
        }}
      >
        <Stack gap="sm">
          <TextInput label={t('connect:form.name')} required data-autofocus error={fieldError('name')} {...form.register('name')} />
          <TextInput
            label={t('connect:form.url')}
            description={t(editing ? 'connect:form.urlFixed' : 'connect:form.urlHint')}
            required
            readOnly={editing}
            type="url"
            error={fieldError('url')}
            {...form.register('url')}
          />
          <Controller
            control={form.control}
            name="environment"
            render={({ field }) => (
              <Input.Wrapper label={t('connect:form.environment')} id="profile-environment" labelElement="div">
                <div>
                  <SegmentedControl
                    aria-labelledby="profile-environment-label"
                    value={field.value}
                    onChange={(value) => field.onChange(Environment.parse(value))}
                    data={Environment.options.map((environment) => ({ value: environment, label: t(`common:environment.${environment}`) }))}
                  />
                </div>
              </Input.Wrapper>
            )}
          />
          {editing ? (
            <TextInput
              label={t('connect:form.pinFixed')}
              description={t('connect:form.pinFixedHint')}
              readOnly
              value={profile.pin ?? t('connect:form.pinNone')}
              styles={monospaceInput}
            />
          ) : (
            <TextInput label={t('connect:form.pin')} styles={monospaceInput} spellCheck={false} autoComplete="off" error={fieldError('pin')} {...form.register('pin')} />
          )}
          <TextInput
            label={t('connect:form.backupPin')}
            styles={monospaceInput}
            spellCheck={false}
            autoComplete="off"
            error={fieldError('backupPin')}
            {...form.register('backupPin')}
          />
          <Checkbox label={t('connect:form.readOnly')} description={t('connect:form.readOnlyHint')} data-testid="profile-read-only" {...form.register('readOnly')} />
          <Stack gap={4}>
            <Text size="sm" fw={600}>
              {t('connect:form.pinFormatTitle')}
            </Text>
            <Text size="xs">{t('connect:form.pinFormat')}</Text>
            <Code block style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
              {PIN_COMMAND}
            </Code>
            <Text size="xs" c="dimmed">
              {t('connect:form.pinEmpty')}
            </Text>
          </Stack>
          {mutation.error && <ErrorAlert error={mutation.error} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common:actions.cancel')}
            </Button>
            <Button type="submit" loading={mutation.isPending}>
              {t(editing ? 'connect:form.save' : 'connect:form.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
