import {
  type TablerIcon,
} from '@tabler/icons-react';
import { createElement, type ReactNode } from 'react';
import { NotBuiltYet } from '../components/NotBuiltYet';
import { applicationsNav } from '../features/applications';
import { layoutsNav } from '../features/layouts';
import { diagnosticsNav } from '../features/diagnostics';
import { overviewNav } from '../features/overview';
import { rightsNav } from '../features/rights';
import { supportNav } from '../features/support';
import { updatesNav } from '../features/updates';
import { usersNav } from '../features/users';

/** One navbar entry and its route. Each feature exports its entry from its index.ts. */
export interface NavEntry {
  key: string;
  /** Route path; a feature with sub-pages matches `${path}/*`. */
  path: string;
  icon: TablerIcon;
  /** i18n key, usually `app:nav.<key>`. */
  labelKey: string;
  element: ReactNode;
}

/** The entry of an area that is not in this version yet: the shared NotBuiltYet page. */
export function notBuiltYet(key: string, icon: TablerIcon): NavEntry {
  const labelKey = `app:nav.${key}`;
  return { key, path: `/${key}`, icon, labelKey, element: createElement(NotBuiltYet, { areaLabelKey: labelKey }) };
}

/** When a feature is built, replace its `notBuiltYet(...)` line by its entry and import it above. */
export const navEntries: NavEntry[] = [
  overviewNav,
  usersNav,
  rightsNav,
  applicationsNav,
  layoutsNav,
  updatesNav,
  supportNav,
  diagnosticsNav,
];
