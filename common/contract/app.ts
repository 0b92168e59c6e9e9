import { z } from 'zod';
import { call, Empty } from './define';

export const KeychainStatus = z.object({
  available: z.boolean(),
  /** Why it is unavailable, in English; the renderer translates the code. */
  reason: z.string().optional(),
});

export const AppInfo = z.object({
  version: z.string(),
  shell: z.enum(['electron', 'browser']),
  platform: z.string(),
  keychain: KeychainStatus,
});
export type AppInfo = z.infer<typeof AppInfo>;

export const appContract = {
  'app:info': call(Empty, AppInfo, 'read'),
};
