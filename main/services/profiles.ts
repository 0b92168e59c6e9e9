import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { z } from 'zod';
import { ConsoleError } from '../../common/errors';
import { Profile, type CreateProfile, type UpdateProfile } from '../../common/contract';
import { readJsonFile, writeJsonFile } from './json-file';

const ProfilesFile = z.object({
  version: z.literal(1),
  profiles: z.array(Profile),
  lastUsedProfileId: z.string().nullable(),
});
type ProfilesFile = z.infer<typeof ProfilesFile>;

export { EMBEDDED_PROFILE_ID } from '../../common/contract/profiles';

/** Connection profiles as JSON in the user-data folder. No secrets here: passwords live in the vault. */
export class ProfileStore {
  private data: ProfilesFile = { version: 1, profiles: [], lastUsedProfileId: null };
  private writing: Promise<void> = Promise.resolve();

  private constructor(private readonly path: string) {}

  static async open(userDataDir: string): Promise<ProfileStore> {
    const store = new ProfileStore(join(userDataDir, 'profiles.json'));
    store.data = await readJsonFile(store.path, ProfilesFile, store.data);
    return store;
  }

  list(): Profile[] {
    return [...this.data.profiles].sort((a, b) => Number(b.embedded) - Number(a.embedded) || a.name.localeCompare(b.name));
  }

  get(id: string): Profile {
    const profile = this.data.profiles.find((p) => p.id === id);
    if (!profile) throw new ConsoleError('NOT_FOUND', `No connection profile ${id}`, { profileId: id });
    return profile;
  }

  get lastUsedProfileId(): string | null {
    return this.data.lastUsedProfileId;
  }

  async create(input: CreateProfile): Promise<Profile> {
    this.assertUniqueName(input.name);
    const profile: Profile = {
      id: randomUUID(),
      name: input.name,
      url: normaliseUrl(input.url),
      environment: input.environment,
      pin: input.pin ?? null,
      backupPin: input.backupPin ?? null,
      lastLogin: null,
      rememberPassword: false,
      portalForbidsRemember: false,
      embedded: false,
      createdAt: new Date().toISOString(),
      ...(input.readOnly === true && { readOnly: true }),
    };
    this.data.profiles.push(profile);
    await this.save();
    return profile;
  }

  async update(change: UpdateProfile): Promise<Profile> {
    const current = this.get(change.id);
    if (change.name !== undefined && change.name !== current.name) this.assertUniqueName(change.name);
    return this.patch(change.id, {
      ...(change.name !== undefined && { name: change.name }),
      ...(change.environment !== undefined && { environment: change.environment }),
      ...(change.backupPin !== undefined && { backupPin: change.backupPin }),
      ...(change.readOnly !== undefined && { readOnly: change.readOnly }),
    });
  }

  async patch(id: string, fields: Partial<Omit<Profile, 'id'>>): Promise<Profile> {
    const updated = this.patchInMemory(id, fields);
    await this.save();
    return updated;
  }

  private patchInMemory(id: string, fields: Partial<Omit<Profile, 'id'>>): Profile {
    const index = this.data.profiles.findIndex((p) => p.id === id);
    if (index < 0) throw new ConsoleError('NOT_FOUND', `No connection profile ${id}`, { profileId: id });
    const updated = Profile.parse({ ...this.data.profiles[index], ...fields });
    this.data.profiles[index] = updated;
    return updated;
  }

  /** Creates or refreshes a profile whose id is fixed (the embedded local test portal). */
  async upsert(profile: Profile): Promise<Profile> {
    const index = this.data.profiles.findIndex((p) => p.id === profile.id);
    if (index < 0) this.data.profiles.push(profile);
    else this.data.profiles[index] = profile;
    await this.save();
    return profile;
  }

  async remove(id: string): Promise<Profile> {
    const profile = this.get(id);
    this.data.profiles = this.data.profiles.filter((p) => p.id !== id);
    if (this.data.lastUsedProfileId === id) this.data.lastUsedProfileId = null;
    await this.save();
    return profile;
  }

  /** A sign-in's changes and the last-used profile in one write. */
  async recordSignIn(id: string, fields: Pick<Profile, 'lastLogin' | 'rememberPassword' | 'portalForbidsRemember'>): Promise<Profile> {
    const updated = this.patchInMemory(id, fields);
    this.data.lastUsedProfileId = id;
    await this.save();
    return updated;
  }

  private assertUniqueName(name: string): void {
    if (this.data.profiles.some((p) => p.name.toLowerCase() === name.toLowerCase())) {
      throw new ConsoleError('CONFLICT', `A profile named "${name}" exists already`, {
        errors: [{ path: 'name', message: 'duplicate' }],
      });
    }
  }

  private save(): Promise<void> {
    const snapshot = structuredClone(this.data);
    this.writing = this.writing.then(() => writeJsonFile(this.path, snapshot));
    return this.writing;
  }
}

function normaliseUrl(url: string): string {
  const parsed = new URL(url);
  return `${parsed.protocol}//${parsed.host}`;
}
