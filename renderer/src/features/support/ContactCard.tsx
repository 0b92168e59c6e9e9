import { Card, Group, Stack, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CardProps } from './ClassificationCard';
import { issuesAt } from './form-model';
import { IssueText } from './IssueText';

/** Who support can reach, and when, while the ticket is open. */
export function ContactCard({ form, update, issues, showAll }: CardProps) {
  const { t } = useTranslation();
  const error = (path: string) => {
    const found = showAll ? issuesAt(issues, path) : [];
    return found.length > 0 ? <IssueText issues={found} /> : undefined;
  };
  return (
    <Card withBorder padding="lg">
      <Stack gap="md">
        <Title order={2} size="h4">{t('support:form.contact.title')}</Title>
        <Group grow align="flex-start">
          <TextInput label={t('support:form.contact.name')} value={form.contactName} onChange={(event) => update({ contactName: event.currentTarget.value })} error={error('contact.name')} withAsterisk />
          <TextInput label={t('support:form.contact.email')} type="email" value={form.contactEmail} onChange={(event) => update({ contactEmail: event.currentTarget.value })} error={error('contact.email')} />
          <TextInput label={t('support:form.contact.phone')} type="tel" value={form.contactPhone} onChange={(event) => update({ contactPhone: event.currentTarget.value })} />
        </Group>
        <TextInput
          label={t('support:form.contact.availability')}
          description={t('support:form.contact.availabilityHint')}
          value={form.contactAvailability}
          onChange={(event) => update({ contactAvailability: event.currentTarget.value })}
          error={error('contact.availability')}
          withAsterisk
        />
      </Stack>
    </Card>
  );
}
