import { IconHeadset } from '@tabler/icons-react';
import { createElement } from 'react';
import type { NavEntry } from '../../app/nav';
import { SupportPage } from './SupportPage';

export { SupportPage };
export { OfflineTicketButton, OfflineTicketModal, type OfflineTicketProfile } from './OfflineTicket';

export const supportNav: NavEntry = {
  key: 'support',
  path: '/support',
  icon: IconHeadset,
  labelKey: 'app:nav.support',
  element: createElement(SupportPage),
};
