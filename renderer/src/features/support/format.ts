import type { TFunction } from 'i18next';
import { useEffect, useState } from 'react';

/** "1.5 MB" / "1,5 MB"; bytes are shown in binary units (MiB) as the limits are. */
export function formatBytes(bytes: number, language: string): string {
  const units = ['B', 'KiB', 'MiB'] as const;
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  return `${new Intl.NumberFormat(language, { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(value)} ${units[unit]}`;
}

/** "3 h 20 min", "45 min"; whole minutes, hours are not folded into days (support days have 8 hours). */
export function formatMinutes(totalMinutes: number, t: TFunction): string {
  const rounded = Math.max(0, Math.round(totalMinutes));
  const hours = Math.floor(rounded / 60);
  const minutes = rounded % 60;
  if (hours === 0) return t('support:duration.minutes', { minutes });
  if (minutes === 0) return t('support:duration.hours', { hours });
  return t('support:duration.hoursMinutes', { hours, minutes });
}

/** The current time, refreshed every `intervalMs`, so a countdown moves by itself. */
export function useNow(intervalMs = 30_000): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

/** `<input type="datetime-local">` value (local time, minutes) for a date. */
export function toLocalInput(date: Date): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** The instant of a datetime-local value, or null when it is empty or invalid. */
export function fromLocalInput(value: string): Date | null {
  if (value.trim() === '') return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** Base64 of file bytes, in chunks so large files do not overflow the argument list. */
export function bytesToBase64(bytes: Uint8Array): string {
  const chunk = 0x8000;
  let binary = '';
  for (let offset = 0; offset < bytes.length; offset += chunk) {
    binary += String.fromCharCode(...bytes.subarray(offset, offset + chunk));
  }
  return btoa(binary);
}
