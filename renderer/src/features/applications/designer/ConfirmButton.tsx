import { Button, Group, Modal, Stack, Text, type ButtonProps } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface ConfirmButtonProps extends ButtonProps {
  title: string;
  message: string;
  confirmLabel: string;
  onConfirm: () => void;
  children: ReactNode;
  'data-testid'?: string;
}

/** A destructive action behind a confirmation dialog. */
export function ConfirmButton({ title, message, confirmLabel, onConfirm, children, ...buttonProps }: ConfirmButtonProps) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button color="red" variant="light" {...buttonProps} onClick={() => setOpen(true)}>
        {children}
      </Button>
      <Modal opened={open} onClose={() => setOpen(false)} title={title} data-testid="confirm-dialog">
        <Stack gap="md">
          <Text size="sm">{message}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setOpen(false)} data-autofocus>
              {t('common:actions.cancel')}
            </Button>
            <Button
              color="red"
              onClick={() => {
                setOpen(false);
                onConfirm();
              }}
            >
              {confirmLabel}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
