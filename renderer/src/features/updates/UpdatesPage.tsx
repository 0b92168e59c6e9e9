import { Badge, Container, Group, SimpleGrid, Stack, Tabs, Title } from '@mantine/core';
import { IconClockHour4 } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../lib/session';
import { useCalendar, useReleases } from './api';
import { CalendarPanel } from './CalendarPanel';
import { HistoryPanel } from './HistoryPanel';
import { MaintenanceAlerts, NextWindowCard } from './MaintenanceOverview';
import { ReleasesPanel } from './ReleasesPanel';
import { calendarRangeAround, toWindow } from './schedule';
import { TrackCard } from './TrackCard';
import { UpdatesViewContext, useNow, type UpdatesView } from './view';

/** Version and track, pending releases and deferrals, the maintenance calendar and the update history. */
export function UpdatesPage() {
  const { t, i18n } = useTranslation();
  const session = useSession().data;
  const now = useNow();
  // Fixed for the page's lifetime so the calendar query keeps its key while the clock ticks.
  const [range] = useState(() => calendarRangeAround(new Date()));
  const calendar = useCalendar(range);
  const releases = useReleases();
  const windows = useMemo(() => calendar.data?.items.map(toWindow) ?? [], [calendar.data]);
  const allReleases = useMemo(() => releases.data?.pages.flatMap((page) => page.items) ?? [], [releases.data]);
  if (!session) return null;

  const zone = session.portal.timeZone;
  const view: UpdatesView = { zone, language: i18n.language, now, windows, releases: allReleases, calendarReady: calendar.isSuccess };
  return (
    <UpdatesViewContext.Provider value={view}>
      <Container size="lg" py="md">
        <Stack gap="md">
          <Group justify="space-between" align="center">
            <Title order={1}>{t('updates:title')}</Title>
            <Badge variant="outline" color="gray" size="lg" tt="none" leftSection={<IconClockHour4 size={14} aria-hidden />} data-testid="time-zone-note">
              {t('updates:timeZoneNote', { zone })}
            </Badge>
          </Group>
          <MaintenanceAlerts />
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <TrackCard />
            <NextWindowCard />
          </SimpleGrid>
          <Tabs defaultValue="releases" keepMounted={false}>
            <Tabs.List mb="md">
              <Tabs.Tab value="releases">{t('updates:tabs.releases')}</Tabs.Tab>
              <Tabs.Tab value="calendar">{t('updates:tabs.calendar')}</Tabs.Tab>
              <Tabs.Tab value="history">{t('updates:tabs.history')}</Tabs.Tab>
            </Tabs.List>
            <Tabs.Panel value="releases">
              <ReleasesPanel track={session.portal.track} />
            </Tabs.Panel>
            <Tabs.Panel value="calendar">
              <CalendarPanel error={calendar.error} onRetry={() => void calendar.refetch()} />
            </Tabs.Panel>
            <Tabs.Panel value="history">
              <HistoryPanel />
            </Tabs.Panel>
          </Tabs>
        </Stack>
      </Container>
    </UpdatesViewContext.Provider>
  );
}
