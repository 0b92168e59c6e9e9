import { useTranslation } from 'react-i18next';
import { useConflict } from '../../lib/use-conflict';

/** The shared 412 dialog, titled for changes in the rights area. */
export function useRightsConflict(busy = false) {
  const { t } = useTranslation();
  return useConflict({ busy, labels: { title: t('rights:conflict.title') } });
}
