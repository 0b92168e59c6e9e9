import { IconShieldLock } from '@tabler/icons-react';
import { createElement } from 'react';
import type { NavEntry } from '../../app/nav';
import { RightsPage } from './RightsPage';

export { RightsPage };

export const rightsNav: NavEntry = {
  key: 'rights',
  path: '/rights',
  icon: IconShieldLock,
  labelKey: 'app:nav.rights',
  element: createElement(RightsPage),
};
