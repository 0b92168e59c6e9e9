import { ConsoleError } from '../../common/errors';
import { ProfileExport, type ConsoleHandlers, type Profile, type ProfileView } from '../../common/contract';
import type { BackendContext } from '../context';
import { inspectCertificate, pinMatches } from '../services/pinning';
import { probeProfiles } from '../services/profile-health';
import { vaultAccount } from '../services/vault';

type CoreChannels =
  | 'app:info'
  | 'profiles:list'
  | 'profiles:create'
  | 'profiles:update'
  | 'profiles:delete'
  | 'connection:inspect'
  | 'connection:trust'
  | 'session:signIn'
  | 'session:current'
  | 'session:autoSignIn'
  | 'session:signOut'
  | 'session:forgetPassword'
  | 'session:changePassword'
  | 'portal:info'
  | 'session:openWorkspace'
  | 'profiles:health'
  | 'profiles:export'
  | 'profiles:import';

/** App, profiles, first contact and sign-in: the calls of the walking skeleton. */
export function coreHandlers(ctx: BackendContext): Pick<ConsoleHandlers, CoreChannels> {
  const view = (profile: Profile) => profileView(ctx, profile);
  return {
    'app:info': async () => ({
      version: ctx.appVersion,
      shell: ctx.shell,
      platform: process.platform,
      keychain: await ctx.vault.status(),
    }),
    'profiles:list': async () => Promise.all(ctx.profiles.list().map(view)),
    'profiles:create': async (input) => {
      const profile = await ctx.profiles.create(input);
      ctx.log.info('profile created', { profile: profile.name, url: profile.url, pinned: Boolean(profile.pin) });
      return view(profile);
    },
    'profiles:update': async (change) => {
      const profile = await ctx.profiles.update(change);
      await ctx.session.forgetAgent(profile.id);
      return view(profile);
    },
    'profiles:delete': async ({ id }) => {
      const profile = ctx.profiles.get(id);
      if (profile.embedded) throw new ConsoleError('CONFLICT', 'The local test portal profile cannot be deleted');
      await ctx.session.forgetAgent(id);
      if (profile.lastLogin && (await ctx.vault.status()).available) await ctx.vault.delete(vaultAccount(id, profile.lastLogin));
      await ctx.profiles.remove(id);
      ctx.log.info('profile deleted', { profile: profile.name });
      return { ok: true as const };
    },
    'connection:inspect': async ({ profileId }) => {
      const profile = ctx.profiles.get(profileId);
      const certificate = await inspectCertificate(profile.url);
      const matches = profile.pin ? pinMatches(certificate.spki, { primary: profile.pin, backup: profile.backupPin }) : null;
      return { ...certificate, matches };
    },
    'connection:trust': async ({ profileId, spki, slot }) => {
      const profile = ctx.profiles.get(profileId);
      if (slot === 'primary') {
        const presented = await inspectCertificate(profile.url);
        if (presented.spki !== spki) {
          throw new ConsoleError('CONFLICT', 'The portal now presents another certificate than the one you were shown', {
            shown: spki,
            presented: presented.spki,
          });
        }
      }
      const updated = await ctx.profiles.patch(profileId, slot === 'primary' ? { pin: spki } : { backupPin: spki });
      await ctx.session.forgetAgent(profileId);
      ctx.log.warn(profile.pin && slot === 'primary' ? 'profile re-pinned' : 'certificate trusted', {
        profile: profile.name,
        slot,
        previous: slot === 'primary' ? profile.pin : profile.backupPin,
        pin: spki,
      });
      return view(updated);
    },
    'session:signIn': (request) => ctx.session.signIn(request),
    'session:current': async () => ctx.session.current(),
    'session:autoSignIn': () => ctx.session.autoSignIn(),
    'session:signOut': async () => {
      await ctx.session.signOut();
      return { ok: true as const };
    },
    'session:forgetPassword': async ({ profileId }) => {
      const profile = ctx.profiles.get(profileId);
      if (profile.lastLogin && (await ctx.vault.status()).available) await ctx.vault.delete(vaultAccount(profileId, profile.lastLogin));
      return view(await ctx.profiles.patch(profileId, { rememberPassword: false }));
    },
    'session:changePassword': ({ currentPassword, newPassword }) => ctx.session.changePassword(currentPassword, newPassword),
    'portal:info': () => ctx.session.refreshPortalInfo(),
    'profiles:health': async ({ profileIds }) => {
      const wanted = profileIds === undefined ? null : new Set(profileIds);
      const profiles = ctx.profiles.list().filter((profile) => wanted === null || wanted.has(profile.id));
      return probeProfiles(profiles, (profile) => ctx.session.anonymousClient(profile));
    },
    'profiles:export': async () => {
      const exportedAt = new Date().toISOString();
      const profiles = ctx.profiles
        .list()
        .filter((profile) => !profile.embedded)
        .map(({ name, url, environment, pin, backupPin, readOnly }) => ({ name, url, environment, pin, backupPin, ...(readOnly === true && { readOnly }) }));
      const file: ProfileExport = { format: 'portal-console-profiles', version: 1, exportedAt, profiles };
      return { fileName: `portal-console-profiles_${exportedAt.slice(0, 10)}.json`, json: `${JSON.stringify(file, null, 2)}\n` };
    },
    'profiles:import': async ({ json }) => {
      const file = parseProfileExport(json);
      const added: string[] = [];
      const skipped: { name: string; reason: 'name' | 'url' }[] = [];
      for (const entry of file.profiles) {
        const existing = ctx.profiles.list();
        if (existing.some((profile) => profile.name.toLowerCase() === entry.name.toLowerCase())) skipped.push({ name: entry.name, reason: 'name' });
        else if (existing.some((profile) => sameAddress(profile.url, entry.url))) skipped.push({ name: entry.name, reason: 'url' });
        else {
          const { pin, backupPin, ...rest } = entry;
          await ctx.profiles.create({ ...rest, ...(pin !== null && { pin }), ...(backupPin !== null && { backupPin }) });
          added.push(entry.name);
        }
      }
      ctx.log.info('profiles imported', { added: added.length, skipped: skipped.length });
      return { added, skipped };
    },
    'session:openWorkspace': async ({ profileId }) => {
      if (!ctx.openWindow) return { opened: false };
      if (profileId !== undefined) ctx.profiles.get(profileId);
      await ctx.openWindow(profileId);
      return { opened: true };
    },
  };
}

function parseProfileExport(json: string): ProfileExport {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    throw new ConsoleError('VALIDATION', 'The file is not a profile list of the console (not JSON)');
  }
  const parsed = ProfileExport.safeParse(raw);
  if (!parsed.success) {
    throw new ConsoleError('VALIDATION', 'The file is not a profile list of the console', {
      errors: parsed.error.issues.slice(0, 20).map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
    });
  }
  return parsed.data;
}

function sameAddress(a: string, b: string): boolean {
  return URL.canParse(a) && URL.canParse(b) && new URL(a).href === new URL(b).href;
}

async function profileView(ctx: BackendContext, profile: Profile): Promise<ProfileView> {
  const canRead = profile.lastLogin !== null && (await ctx.vault.status()).available;
  const stored = canRead ? await ctx.vault.get(vaultAccount(profile.id, profile.lastLogin!)) : null;
  return { ...profile, hasStoredPassword: stored !== null };
}
