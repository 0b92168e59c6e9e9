/**
 * React-query keys, one tree per backend area. The first segment names the area, so one
 * `invalidateQueries({ queryKey: queryKeys.<area>.all })` refreshes everything of that area.
 * Features add their own area here (one line block) or keep keys next to their api.ts,
 * always starting with the area name.
 */
export const queryKeys = {
  app: {
    all: ['app'] as const,
    info: () => ['app', 'info'] as const,
  },
  profiles: {
    all: ['profiles'] as const,
    list: () => ['profiles', 'list'] as const,
  },
  connection: {
    all: ['connection'] as const,
    inspect: (profileId: string) => ['connection', 'inspect', profileId] as const,
  },
  session: {
    all: ['session'] as const,
    current: () => ['session', 'current'] as const,
  },
  portal: {
    all: ['portal'] as const,
    info: () => ['portal', 'info'] as const,
  },
};

/** Areas that do not belong to a portal session; every other area is dropped when the session ends. */
export const sessionIndependentAreas: readonly string[] = ['app', 'profiles', 'connection', 'session'];
