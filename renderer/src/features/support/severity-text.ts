import type { TFunction } from 'i18next';
import { CONCURRENT_FAULTS_THRESHOLD } from '../../../../common/domain/severity';

/** The rule for test and development systems as common/domain/severity.ts applies it. */
export function nonProductionRule(t: TFunction): string {
  return t('support:form.severity.nonProductionRule', { threshold: CONCURRENT_FAULTS_THRESHOLD });
}
