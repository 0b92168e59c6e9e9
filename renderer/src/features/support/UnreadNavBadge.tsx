import { Badge, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSupportActivity } from './api';

/**
 * The navbar's count of unread answers from the support desk. Imported by the shell on its own (not through the
 * feature's index), and the one place that polls the desk's activity.
 */
export function UnreadNavBadge() {
  const { t } = useTranslation();
  const activity = useSupportActivity();
  const unread = activity.data?.unreadTotal ?? 0;
  if (unread === 0) return null;
  return (
    <Badge size="sm" color="red" circle={unread < 10} data-testid="support-unread-nav">
      {unread}
      <VisuallyHidden>{t('support:unread.nav', { count: unread })}</VisuallyHidden>
    </Badge>
  );
}
