import type { TFunction } from 'i18next';
import { EMBEDDED_PROFILE_DEFAULT_NAME, EMBEDDED_PROFILE_ID } from '../../../common/contract';

/**
 * The name to show for a profile: the embedded local test portal's in the UI language unless the administrator
 * renamed it (the backend stores its English default), every other profile's as it was named.
 */
export function profileNameLabel(profileId: string, name: string, t: TFunction): string {
  return profileId === EMBEDDED_PROFILE_ID && name === EMBEDDED_PROFILE_DEFAULT_NAME ? t('connect:profiles.embedded') : name;
}
