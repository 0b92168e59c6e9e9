import { List, Text, ThemeIcon, VisuallyHidden } from '@mantine/core';
import { IconCheck, IconCircleDashed, IconX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { checkPassword, MAX_PASSWORD_LENGTH, type PasswordContext, type PasswordFailureCode } from '../../../../common/domain/password-policy';
import type { SecurityPolicy } from '../../../../common/portal-api/security-policy';

export interface PasswordRequirementsProps {
  password: string;
  policy: Pick<SecurityPolicy, 'password'>;
  context?: PasswordContext;
  testId?: string;
}

interface Requirement {
  key: string;
  label: string;
  failing: PasswordFailureCode[];
}

/**
 * The policy's password rules as a checklist that updates while typing: the same checkPassword the
 * portal runs, so what the list accepts the portal accepts.
 */
export function PasswordRequirements({ password, policy, context = {}, testId = 'password-requirements' }: PasswordRequirementsProps) {
  const { t } = useTranslation();
  const result = checkPassword(password, policy, context);
  const failed = new Set(result.failures.map((failure) => failure.code));
  const personalField = result.failures.find((failure) => failure.code === 'contains_login')?.params?.field;
  const requirements: Requirement[] = [
    { key: 'length', label: t('users:passwordRules.length', { min: policy.password.minLength, max: MAX_PASSWORD_LENGTH }), failing: ['too_short', 'too_long'] },
    ...(policy.password.requireComplexity ? [{ key: 'complexity', label: t('users:passwordRules.complexity'), failing: ['needs_complexity'] as PasswordFailureCode[] }] : []),
    ...(policy.password.rejectCommonPasswords ? [{ key: 'common', label: t('users:passwordRules.common'), failing: ['common_password'] as PasswordFailureCode[] }] : []),
    {
      key: 'personal',
      label: personalField ? t('users:passwordRules.personalField', { field: t(`users:passwordRules.fields.${String(personalField)}`) }) : t('users:passwordRules.personal'),
      failing: ['contains_login'],
    },
  ];
  const empty = password.length === 0;
  return (
    <div data-testid={testId} aria-live="polite">
      <Text size="xs" fw={600} mb={4}>
        {t('users:passwordRules.title')}
      </Text>
      <List spacing={2} size="xs" center>
        {requirements.map((requirement) => {
          const fails = requirement.failing.some((code) => failed.has(code));
          const state = empty ? 'pending' : fails ? 'failed' : 'met';
          return (
            <List.Item
              key={requirement.key}
              data-rule={requirement.key}
              data-state={state}
              icon={
                <ThemeIcon size={16} radius="xl" variant="light" color={state === 'met' ? 'green' : state === 'failed' ? 'red' : 'gray'}>
                  {state === 'met' ? <IconCheck size={12} aria-hidden /> : state === 'failed' ? <IconX size={12} aria-hidden /> : <IconCircleDashed size={12} aria-hidden />}
                </ThemeIcon>
              }
            >
              <Text size="xs" c={state === 'failed' ? 'red' : undefined}>
                {requirement.label}
                <VisuallyHidden>{` (${t(`users:passwordRules.state.${state}`)})`}</VisuallyHidden>
              </Text>
            </List.Item>
          );
        })}
      </List>
    </div>
  );
}

/** True when the portal would accept the password (for enabling a submit button). */
export function passwordAcceptable(password: string, policy: Pick<SecurityPolicy, 'password'> | undefined, context: PasswordContext = {}): boolean {
  return policy === undefined || checkPassword(password, policy, context).ok;
}
