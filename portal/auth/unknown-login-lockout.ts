/** The counters of a login (the same shape as a user row's). */
export interface LockState {
  failedAttempts: number;
  lockedUntil: Date | null;
}

/**
 * Failed sign-ins of logins that have no usable account (unknown, disabled, without a password),
 * counted in memory like a real account's, so the lockout answers them the same way: 401 until the
 * policy's limit, then 423 with lockedUntil. Otherwise a 423 would tell who has an account.
 * Bounded: beyond MAX_TRACKED logins the oldest entries are forgotten (a restart forgets all; the
 * per-IP and per-login rate limits still apply).
 */
const MAX_TRACKED = 10_000;

export class UnknownLoginLockout {
  private readonly states = new Map<string, LockState>();

  /** The login's counters (zero when it never failed or was forgotten). */
  stateOf(login: string): LockState {
    return this.states.get(keyOf(login)) ?? { failedAttempts: 0, lockedUntil: null };
  }

  /** Stores the counters after one more failure, computed by `step` from the current ones. */
  fail(login: string, step: (current: LockState) => LockState): LockState {
    const key = keyOf(login);
    const next = step(this.stateOf(login));
    this.states.delete(key);
    this.states.set(key, next);
    while (this.states.size > MAX_TRACKED) {
      const oldest = this.states.keys().next().value as string;
      this.states.delete(oldest);
    }
    return next;
  }

  get size(): number {
    return this.states.size;
  }
}

function keyOf(login: string): string {
  return login.normalize('NFC').toLowerCase();
}

const perDatabase = new WeakMap<object, UnknownLoginLockout>();

/** One tracker per portal (its database handle), so two portals in one process do not share counts. */
export function unknownLoginLockoutOf(db: object): UnknownLoginLockout {
  let tracker = perDatabase.get(db);
  if (tracker === undefined) {
    tracker = new UnknownLoginLockout();
    perDatabase.set(db, tracker);
  }
  return tracker;
}
