import { IconStethoscope } from '@tabler/icons-react';
import { createElement } from 'react';
import type { NavEntry } from '../../app/nav';
import { DiagnosticsPage } from './DiagnosticsPage';

export { DiagnosticsPage };

export const diagnosticsNav: NavEntry = {
  key: 'diagnostics',
  path: '/diagnostics',
  icon: IconStethoscope,
  labelKey: 'app:nav.diagnostics',
  element: createElement(DiagnosticsPage),
};
