import { describe, expect, it } from 'vitest';
import { defaultSecurityPolicy, type SecurityPolicy } from '../portal-api/security-policy';
import { invitationBlock, invitationRequestsOpen, mayInvite, passwordMailsAllowed } from './membership';
import { registrationCodeRequired } from './password-policy';

type Membership = SecurityPolicy['membership'];
const membership = (mode: Membership['mode'], inviters: Membership['inviters'] = 'admins'): Membership => ({ mode, inviters, registrationCode: 'Sommer-2026' });
const policy = (m: Membership, neverSendByEmail: boolean): SecurityPolicy => ({
  ...defaultSecurityPolicy,
  membership: m,
  password: { ...defaultSecurityPolicy.password, neverSendByEmail },
});

describe('who may join', () => {
  // "Mitglieder können nur auf Einladung beitreten (Registrierungscode ist erforderlich)"; "Für jeden offen".
  it('asks for the registration code when joining by invitation, and only then', () => {
    expect(registrationCodeRequired({ mode: 'invitation' })).toBe(true);
    expect(registrationCodeRequired({ mode: 'open' })).toBe(false);
    expect(registrationCodeRequired({ mode: 'admins_only' })).toBe(false);
  });
});

describe('who may invite', () => {
  // "Mitglieder können Einladungen senden" / "Nur Administratoren können Einladungen senden" / "Jeder kann eine Einladung anfordern"
  it.each<[Membership['inviters'], boolean, boolean, boolean]>([
    ['members', true, true, false],
    ['admins', true, false, false],
    ['anyone', true, false, true],
  ])('inviters %s: administrators %s, members %s, public requests %s', (inviters, admin, member, requests) => {
    expect(mayInvite(membership('invitation', inviters), 'admin')).toBe(admin);
    expect(mayInvite(membership('invitation', inviters), 'member')).toBe(member);
    expect(invitationRequestsOpen(membership('invitation', inviters))).toBe(requests);
  });

  it('has no invitations outside invitation mode, whatever "who may invite" says', () => {
    for (const mode of ['admins_only', 'open'] as const) {
      expect(mayInvite(membership(mode, 'members'), 'admin')).toBe(false);
      expect(mayInvite(membership(mode, 'members'), 'member')).toBe(false);
      expect(invitationRequestsOpen(membership(mode, 'anyone'))).toBe(false);
    }
  });
});

describe('invitations and password mails', () => {
  it('"Administratoren erstellen alle neuen Mitgliedskonten (Keine Einladungen per E-Mail zulässig)"', () => {
    expect(invitationBlock(policy(membership('admins_only'), false))).toBe('invitations_admins_only');
  });

  it('"Kennwörter dürfen unter keinen Umständen per E-Mail gesendet werden (Hiermit deaktivieren Sie die Funktionen "Einladung senden" und "Passwort vergessen".)"', () => {
    expect(invitationBlock(policy(membership('invitation', 'members'), true))).toBe('invitations_never_send_passwords');
    expect(passwordMailsAllowed(policy(membership('invitation'), true))).toBe(false);
    expect(passwordMailsAllowed(policy(membership('invitation'), false))).toBe(true);
  });

  it('"Für jeden offen" needs no invitation; invitation mode without the mail ban allows them', () => {
    expect(invitationBlock(policy(membership('open'), false))).toBe('invitations_open_mode');
    expect(invitationBlock(policy(membership('invitation'), false))).toBeNull();
  });
});
