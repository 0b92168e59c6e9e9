import { IconRefresh } from '@tabler/icons-react';
import { createElement } from 'react';
import type { NavEntry } from '../../app/nav';
import { UpdatesPage } from './UpdatesPage';

export { UpdatesPage };

export const updatesNav: NavEntry = {
  key: 'updates',
  path: '/updates',
  icon: IconRefresh,
  labelKey: 'app:nav.updates',
  element: createElement(UpdatesPage),
};
