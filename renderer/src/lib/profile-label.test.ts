// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { EMBEDDED_PROFILE_DEFAULT_NAME, EMBEDDED_PROFILE_ID } from '../../../common/contract';
import { i18n } from './i18n';
import { profileNameLabel } from './profile-label';

describe('profileNameLabel', () => {
  it('names the embedded local test portal in the UI language while it keeps the name the backend gave it', () => {
    expect(profileNameLabel(EMBEDDED_PROFILE_ID, EMBEDDED_PROFILE_DEFAULT_NAME, i18n.getFixedT('de'))).toBe('Lokales Testportal');
    expect(profileNameLabel(EMBEDDED_PROFILE_ID, EMBEDDED_PROFILE_DEFAULT_NAME, i18n.getFixedT('en'))).toBe('Local test portal');
  });

  it("keeps the name an administrator gave, and every other profile's name as it is", () => {
    expect(profileNameLabel(EMBEDDED_PROFILE_ID, 'Mein Testportal', i18n.getFixedT('de'))).toBe('Mein Testportal');
    expect(profileNameLabel('b7c6f0e2-profile', EMBEDDED_PROFILE_DEFAULT_NAME, i18n.getFixedT('de'))).toBe(EMBEDDED_PROFILE_DEFAULT_NAME);
  });
});
