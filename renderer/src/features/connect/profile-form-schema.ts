import { z } from 'zod';
import { PortalUrl, SpkiPin, type CreateProfile, type ProfileView, type UpdateProfile } from '../../../../common/contract';
import { Environment } from '../../../../common/portal-api/common';

/** Messages are i18n keys, translated where the field shows them. */
const pinField = z
  .string()
  .trim()
  .refine((value) => value === '' || SpkiPin.safeParse(value).success, 'connect:form.errors.pinFormat');

export const ProfileFormValues = z
  .object({
    name: z.string().trim().min(1, 'connect:form.errors.nameRequired').max(100, 'connect:form.errors.nameTooLong'),
    url: z
      .string()
      .trim()
      .min(1, 'connect:form.errors.urlRequired')
      .refine((value) => URL.canParse(value), 'connect:form.errors.urlInvalid')
      .refine((value) => !URL.canParse(value) || value.startsWith('https://'), 'connect:form.errors.urlHttps')
      .refine((value) => !value.startsWith('https://') || PortalUrl.safeParse(value).success, 'connect:form.errors.urlInvalid'),
    environment: Environment,
    pin: pinField,
    backupPin: pinField,
    /** Every session of this profile is read-only (main refuses every change to the portal). */
    readOnly: z.boolean(),
  })
  .refine((values) => values.backupPin === '' || values.backupPin !== values.pin, {
    path: ['backupPin'],
    message: 'connect:form.errors.backupSameAsPrimary',
  });
export type ProfileFormValues = z.infer<typeof ProfileFormValues>;

export function emptyProfileForm(): ProfileFormValues {
  return { name: '', url: 'https://', environment: 'prod', pin: '', backupPin: '', readOnly: false };
}

export function profileToForm(profile: ProfileView): ProfileFormValues {
  return {
    name: profile.name,
    url: profile.url,
    environment: profile.environment,
    pin: profile.pin ?? '',
    backupPin: profile.backupPin ?? '',
    readOnly: profile.readOnly === true,
  };
}

export function toCreateRequest(values: ProfileFormValues): CreateProfile {
  return {
    name: values.name,
    url: values.url,
    environment: values.environment,
    ...(values.pin ? { pin: values.pin } : {}),
    ...(values.backupPin ? { backupPin: values.backupPin } : {}),
    ...(values.readOnly ? { readOnly: true } : {}),
  };
}

/** Only name, environment and backup pin are editable; URL and primary pin stay as they are. */
export function toUpdateRequest(profileId: string, values: ProfileFormValues): UpdateProfile {
  return { id: profileId, name: values.name, environment: values.environment, backupPin: values.backupPin || null, readOnly: values.readOnly };
}
