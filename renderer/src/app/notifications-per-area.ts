import { notifications } from '@mantine/notifications';
import { useEffect, useRef } from 'react';
import { useLocation } from 'react-router';

/** The area a path belongs to: its first segment ("" for the start page). */
export function areaOf(pathname: string): string {
  return pathname.split('/')[1] ?? '';
}

/**
 * A notice belongs to the area it was raised in: when the administrator moves to another area, the notices
 * still open (and those queued) are cleared instead of following into a screen they say nothing about.
 * Moves within an area (list -> detail) keep them, so "User created" stays visible on the user's page.
 */
export function useNotificationsClearedOnAreaChange(): void {
  const area = areaOf(useLocation().pathname);
  const previous = useRef(area);
  useEffect(() => {
    if (previous.current === area) return;
    previous.current = area;
    notifications.clean();
  }, [area]);
}
