import { lazy } from 'react';

/**
 * The connect screen's dialogs and the sign-in form are chunks of their own (react-hook-form and the form
 * schemas come with them): the profile list renders without them, and they are fetched right after it shows.
 */
const load = {
  signIn: () => import('./SignInPanel'),
  certificate: () => import('./CertificateDialog'),
  deleteProfile: () => import('./DeleteProfileDialog'),
  profileForm: () => import('./ProfileFormModal'),
};

export const SignInPanel = lazy(async () => ({ default: (await load.signIn()).SignInPanel }));
export const CertificateDialog = lazy(async () => ({ default: (await load.certificate()).CertificateDialog }));
export const DeleteProfileDialog = lazy(async () => ({ default: (await load.deleteProfile()).DeleteProfileDialog }));
export const ProfileFormModal = lazy(async () => ({ default: (await load.profileForm()).ProfileFormModal }));

/** Fetches them once the browser is idle, so a click on Connect finds the form already there. */
export function preloadConnectParts(): void {
  const run = () => void Promise.all(Object.values(load).map((part) => part())).catch(() => undefined);
  if (typeof requestIdleCallback === 'function') requestIdleCallback(run, { timeout: 500 });
  else setTimeout(run, 0);
}
