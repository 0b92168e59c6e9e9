import type { TFunction } from 'i18next';
import type { Profile } from '../../../../common/contract';

/** The name the backend gives the embedded profile; shown in the UI language unless the administrator renamed it. */
export const EMBEDDED_PROFILE_DEFAULT_NAME = 'Local test portal';

export function profileLabel(profile: Pick<Profile, 'name' | 'embedded'>, t: TFunction): string {
  return profile.embedded && profile.name === EMBEDDED_PROFILE_DEFAULT_NAME ? t('connect:profiles.embedded') : profile.name;
}
