import {
  IconAddressBook,
  IconArrowsLeftRight,
  IconApps,
  IconHeadset,
  IconHome,
  IconLayoutDashboard,
  IconRefresh,
  IconShieldLock,
  IconStethoscope,
  IconUserShield,
  IconTransfer,
  IconUsers,
  type TablerIcon,
} from '@tabler/icons-react';
import { lazy, type ComponentType, type ReactNode } from 'react';
import type { AdminArea } from '../../../common/domain/admin-areas';
import { preloadableLazy } from '../lib/preloadable-lazy';
import { areaElement, lazyArea } from './lazy-area';

/** The first screen after sign-in: its chunk is fetched with the shell's, so it renders with the shell. */
const overview = preloadableLazy(() => import('../features/overview/OverviewPage'), (module) => module.OverviewPage);
export const preloadOverview = overview.preload;

/** One navbar entry and its route. */
export interface NavEntry {
  key: string;
  /** Route path; a feature with sub-pages matches `${path}/*`. */
  path: string;
  icon: TablerIcon;
  /** i18n key, usually `app:nav.<key>`. */
  labelKey: string;
  element: ReactNode;
  /** The administrator right the area needs (common/domain/admin-areas); none: open to every administrator. */
  area?: AdminArea;
  /** Shown beside the label (lazy, like the page), e.g. the count of unread answers. */
  badge?: ComponentType;
}

/**
 * The areas in navbar order. Each area's page is imported lazily (its own chunk), never through the
 * feature's index.ts, which would pull the whole feature into the shell's chunk.
 */
export const navEntries: NavEntry[] = [
  {
    key: 'overview',
    path: '/',
    icon: IconHome,
    labelKey: 'app:nav.overview',
    element: areaElement(overview.Component),
  },
  {
    key: 'users',
    path: '/users',
    icon: IconUsers,
    labelKey: 'app:nav.users',
    area: 'users',
    element: lazyArea(() => import('../features/users/UsersArea'), 'UsersArea'),
  },
  {
    key: 'directory',
    path: '/directory',
    icon: IconAddressBook,
    labelKey: 'app:nav.directory',
    area: 'users',
    element: lazyArea(() => import('../features/directory/DirectoryPage'), 'DirectoryPage'),
  },
  {
    key: 'rights',
    path: '/rights',
    icon: IconShieldLock,
    labelKey: 'app:nav.rights',
    area: 'rights',
    element: lazyArea(() => import('../features/rights/RightsPage'), 'RightsPage'),
  },
  {
    key: 'applications',
    path: '/applications',
    icon: IconApps,
    labelKey: 'app:nav.applications',
    area: 'applications',
    element: lazyArea(() => import('../features/applications/ApplicationsArea'), 'ApplicationsArea'),
  },
  {
    key: 'layouts',
    path: '/layouts',
    icon: IconLayoutDashboard,
    labelKey: 'app:nav.layouts',
    area: 'layouts',
    element: lazyArea(() => import('../features/layouts/LayoutsArea'), 'LayoutsArea'),
  },
  {
    key: 'updates',
    path: '/updates',
    icon: IconRefresh,
    labelKey: 'app:nav.updates',
    area: 'updates',
    element: lazyArea(() => import('../features/updates/UpdatesPage'), 'UpdatesPage'),
  },
  {
    key: 'support',
    path: '/support',
    icon: IconHeadset,
    labelKey: 'app:nav.support',
    area: 'support',
    element: lazyArea(() => import('../features/support/SupportPage'), 'SupportPage'),
    badge: lazy(() => import('../features/support/UnreadNavBadge').then((module) => ({ default: module.UnreadNavBadge }))),
  },
  {
    key: 'diagnostics',
    path: '/diagnostics',
    icon: IconStethoscope,
    labelKey: 'app:nav.diagnostics',
    area: 'diagnostics',
    element: lazyArea(() => import('../features/diagnostics/DiagnosticsPage'), 'DiagnosticsPage'),
  },
  {
    key: 'configuration',
    path: '/configuration',
    icon: IconTransfer,
    labelKey: 'app:nav.configuration',
    area: 'security',
    element: lazyArea(() => import('../features/configuration/ConfigurationPage'), 'ConfigurationPage'),
  },
  {
    key: 'compare',
    path: '/compare',
    icon: IconArrowsLeftRight,
    labelKey: 'app:nav.compare',
    area: 'security',
    element: lazyArea(() => import('../features/compare/ComparePage'), 'ComparePage'),
  },
  {
    key: 'administrators',
    path: '/administrators',
    icon: IconUserShield,
    labelKey: 'app:nav.administrators',
    area: 'security',
    element: lazyArea(() => import('../features/administrators/AdministratorsPage'), 'AdministratorsPage'),
  },
];
