import { IconHome } from '@tabler/icons-react';
import { createElement } from 'react';
import type { NavEntry } from '../../app/nav';
import { OverviewPage } from './OverviewPage';

export { OverviewPage };

export const overviewNav: NavEntry = {
  key: 'overview',
  path: '/',
  icon: IconHome,
  labelKey: 'app:nav.overview',
  element: createElement(OverviewPage),
};
