import { AppShell, Burger, Group, NavLink, ScrollArea, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { lazy, Suspense, useLayoutEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, NavLink as RouterNavLink, Route, Routes, useLocation } from 'react-router';
import type { SessionState } from '../../../common/contract';
import { EnvironmentBadge } from '../components/EnvironmentBadge';
import { markSignedInShell } from '../features/connect';
import { LanguageSwitcher } from '../components/LanguageSwitcher';
import { useAppInfo } from '../lib/session';
import { useUiStore } from '../lib/ui-store';
import { ENVIRONMENT_BANNER_HEIGHT, EnvironmentBanner } from './EnvironmentBanner';
import { MAIN_CONTENT_ID, useFocusHeadingOnAreaChange } from './focus-heading';
import { mayUse } from './admin-areas';
import { MissingRightPage } from './MissingRightPage';
import { navEntries, type NavEntry } from './nav';

export { preloadOverview } from './nav';
import { useNotificationsClearedOnAreaChange } from './notifications-per-area';
import { SkipLink } from './SkipLink';
import { UserMenu } from './UserMenu';

const HEADER_HEIGHT = 56;
/** Carries the password checks and the common-password list: loaded when the dialog opens. */
const ChangePasswordDialog = lazy(async () => ({ default: (await import('./ChangePasswordDialog')).ChangePasswordDialog }));

/** The signed-in shell: environment banner, header with portal and user, navbar, routed areas. */
export function AppLayout({ session }: { session: SessionState }) {
  const { t } = useTranslation();
  const [navOpened, { toggle: toggleNav }] = useDisclosure();
  const { changePasswordOpen, closeChangePassword } = useUiStore();
  useFocusHeadingOnAreaChange();
  useNotificationsClearedOnAreaChange();
  useLayoutEffect(markSignedInShell, []);
  return (
    <AppShell
      header={{ height: HEADER_HEIGHT + ENVIRONMENT_BANNER_HEIGHT }}
      navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: !navOpened } }}
      padding="md"
    >
      <SkipLink />
      <AppShell.Header>
        <EnvironmentBanner environment={session.environment} />
        <Group h={HEADER_HEIGHT} px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }}>
            <Burger opened={navOpened} onClick={toggleNav} hiddenFrom="sm" size="sm" aria-label={t('app:header.toggleNavigation')} />
            <Title order={2} size="h4" lineClamp={1} data-testid="portal-name">
              {session.portal.name}
            </Title>
            <Text size="sm" c="dimmed" visibleFrom="md">
              {t('app:header.portalVersion', { version: session.portal.version })} · {t(`common:track.${session.portal.track}`)}
            </Text>
            <EnvironmentBadge environment={session.environment} data-testid="header-environment" />
          </Group>
          <Group gap="sm" wrap="nowrap">
            <LanguageSwitcher />
            <UserMenu session={session} />
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="xs" component="nav" aria-label={t('app:nav.label')}>
        <AppShell.Section grow component={ScrollArea}>
          {navEntries.filter((entry) => mayUse(session, entry.area)).map((entry) => (
            <NavItem key={entry.key} entry={entry} />
          ))}
        </AppShell.Section>
        <AppShell.Section>
          <ConsoleVersion />
        </AppShell.Section>
      </AppShell.Navbar>

      <AppShell.Main id={MAIN_CONTENT_ID} tabIndex={-1}>
        <Routes>
          {navEntries.map((entry) =>
            entry.path === '/' ? (
              <Route key={entry.key} index element={routeElement(session, entry)} />
            ) : (
              <Route key={entry.key} path={`${entry.path}/*`} element={routeElement(session, entry)} />
            ),
          )}
          <Route path="*" element={<Navigate to="/" replace />} />
        </Routes>
      </AppShell.Main>

      {(changePasswordOpen || session.user.mustChangePassword) && (
        <Suspense fallback={null}>
          <ChangePasswordDialog required={session.user.mustChangePassword} onClose={closeChangePassword} />
        </Suspense>
      )}
    </AppShell>
  );
}

/** An area the administrator has no right for answers with a page that says so (a bookmark, a typed address). */
function routeElement(session: SessionState, entry: NavEntry): ReactNode {
  return entry.area === undefined || mayUse(session, entry.area) ? entry.element : <MissingRightPage area={entry.area} />;
}

function NavItem({ entry }: { entry: NavEntry }) {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const active = entry.path === '/' ? pathname === '/' : pathname === entry.path || pathname.startsWith(`${entry.path}/`);
  const Icon = entry.icon;
  return (
    <NavLink
      component={RouterNavLink}
      to={entry.path}
      label={t(entry.labelKey)}
      leftSection={<Icon size={18} aria-hidden />}
      rightSection={entry.badge && <Suspense fallback={null}><entry.badge /></Suspense>}
      active={active}
      end={entry.path === '/'}
      data-testid={`nav-${entry.key}`}
    />
  );
}

function ConsoleVersion() {
  const { t } = useTranslation();
  const appInfo = useAppInfo();
  if (!appInfo.data) return null;
  return (
    <Text size="xs" c="dimmed" px="sm" py={4}>
      {t('app:header.consoleVersion', { version: appInfo.data.version })}
    </Text>
  );
}
