import type { TFunction } from 'i18next';
import type { BackupsHealth } from '../../../../common/portal-api/instance';

/** Hours with at most one decimal in the UI language: "8", "25,5". */
export function formatHours(hours: number | null, language: string): string {
  return hours === null ? '–' : new Intl.NumberFormat(language, { maximumFractionDigits: 1 }).format(hours);
}

/** "8 hours" / "less than an hour": the age of the last backup in words. */
export function formatBackupAge(hours: number | null, t: TFunction, language: string): string {
  if (hours === null) return '–';
  if (hours < 1) return t('diagnostics:health.backups.underAnHour');
  return t('diagnostics:health.backups.ageValue', { count: hours, hours: formatHours(hours, language) });
}

/** The 24-hour rule in words, for the health board and the backups page. */
export function backupReason(component: BackupsHealth, t: TFunction, language: string): string {
  return t(`diagnostics:health.backups.reason.${component.reason}`, { age: formatBackupAge(component.ageHours, t, language) });
}
