import type { TablerIcon } from '@tabler/icons-react';
import type { ReactNode } from 'react';
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

/** The areas in navbar order; each feature exports its entry from its index.ts. */
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
