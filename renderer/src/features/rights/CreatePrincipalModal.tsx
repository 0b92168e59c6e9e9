import { Button, Group, Modal, Select, Stack, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ContainerKind } from '../../../../common/portal-api/rights';
import { useCreatePrincipal } from './api';
import { ChangeError } from './ChangeError';

export function CreatePrincipalModal({
  initialKind,
  onClose,
  onCreated,
}: {
  initialKind: ContainerKind;
  onClose(): void;
  onCreated(id: string): void;
}) {
  const { t } = useTranslation();
  const create = useCreatePrincipal();
  const [kind, setKind] = useState<ContainerKind>(initialKind);
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const nameMissing = name.trim().length === 0;

  const submit = () => {
    if (nameMissing) return;
    create.mutate(
      { kind, name: name.trim(), description: description.trim() },
      {
        onSuccess: (created) => {
          onCreated(created.value.id);
          onClose();
        },
      },
    );
  };

  return (
    <Modal opened onClose={onClose} title={t('rights:principals.createTitle')} data-testid="create-principal">
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <Stack gap="sm">
          <Select
            label={t('rights:principals.kind')}
            data={ContainerKind.options.map((k) => ({ value: k, label: t(`rights:kinds.${k}`) }))}
            value={kind}
            onChange={(value) => value && setKind(ContainerKind.parse(value))}
            allowDeselect={false}
          />
          <TextInput
            label={t('rights:principals.name')}
            required
            data-autofocus
            value={name}
            onChange={(event) => setName(event.currentTarget.value)}
            maxLength={120}
          />
          <Textarea
            label={t('rights:principals.description')}
            value={description}
            onChange={(event) => setDescription(event.currentTarget.value)}
            autosize
            minRows={2}
            maxLength={1000}
          />
          {create.error && <ChangeError error={create.error} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common:actions.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending} disabled={nameMissing}>
              {t('rights:principals.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
