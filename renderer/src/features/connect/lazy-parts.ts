import { preloadableLazy } from '../../lib/preloadable-lazy';

/**
 * The connect screen's dialogs and the sign-in form are chunks of their own (react-hook-form and the form
 * schemas come with them): the profile list renders without them, and they are fetched right after it shows.
 * Once fetched they render at once (preloadableLazy), so Connect shows the form in the same frame.
 */
const signIn = preloadableLazy(() => import('./SignInPanel'), (module) => module.SignInPanel);
const certificate = preloadableLazy(() => import('./CertificateDialog'), (module) => module.CertificateDialog);
const deleteProfile = preloadableLazy(() => import('./DeleteProfileDialog'), (module) => module.DeleteProfileDialog);
const profileForm = preloadableLazy(() => import('./ProfileFormModal'), (module) => module.ProfileFormModal);

export const SignInPanel = signIn.Component;
export const CertificateDialog = certificate.Component;
export const DeleteProfileDialog = deleteProfile.Component;
export const ProfileFormModal = profileForm.Component;

/** Fetches them once the browser is idle, so a click on Connect finds the form already there. */
export function preloadConnectParts(): void {
  const run = () => void Promise.all([signIn, certificate, deleteProfile, profileForm].map((part) => part.preload())).catch(() => undefined);
  if (typeof requestIdleCallback === 'function') requestIdleCallback(run, { timeout: 500 });
  else setTimeout(run, 0);
}
