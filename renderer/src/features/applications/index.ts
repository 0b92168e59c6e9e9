import { IconApps } from '@tabler/icons-react';
import { createElement } from 'react';
import type { NavEntry } from '../../app/nav';
import { ApplicationsArea } from './ApplicationsArea';

export { ApplicationsArea };

export const applicationsNav: NavEntry = {
  key: 'applications',
  path: '/applications',
  icon: IconApps,
  labelKey: 'app:nav.applications',
  element: createElement(ApplicationsArea),
};
