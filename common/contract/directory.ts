import { z } from 'zod';
import { versioned } from '../portal-api/common';
import {
  DirectoryCertificate,
  DirectoryCertificateRequest,
  DirectoryRun,
  DirectoryRunList,
  DirectorySettings,
  DirectorySettingsInput,
  DirectoryStartRun,
  DirectoryTestResult,
} from '../portal-api/directory';
import { call, Empty } from './define';

export const VersionedDirectorySettings = versioned(DirectorySettings);
export type VersionedDirectorySettings = z.infer<typeof VersionedDirectorySettings>;

export const SaveDirectorySettings = z.object({ settings: DirectorySettingsInput, ifMatch: z.string().min(1) });
export type SaveDirectorySettings = z.infer<typeof SaveDirectorySettings>;

export const DirectoryRunRequest = z.object({ id: z.uuid() });

/** The directory connection of the signed-in portal: the bind password goes to the portal and never comes back. */
export const directoryContract = {
  'directory:settings': call(Empty, VersionedDirectorySettings, 'read'),
  'directory:save': call(SaveDirectorySettings, VersionedDirectorySettings, 'write'),
  'directory:certificate': call(DirectoryCertificateRequest, DirectoryCertificate, 'read'),
  'directory:test': call(DirectorySettingsInput, DirectoryTestResult, 'read'),
  'directory:runs': call(Empty, DirectoryRunList, 'read'),
  'directory:run': call(DirectoryRunRequest, DirectoryRun, 'read'),
  'directory:start': call(DirectoryStartRun, DirectoryRun, 'write'),
};
