import { z } from 'zod';

/**
 * The areas of the admin API an administrator may be allowed to use: the Portal Manager's portal rights.
 * A full administrator holds every area, including ones added later.
 */
export const ADMIN_AREAS = ['users', 'rights', 'applications', 'layouts', 'updates', 'support', 'diagnostics', 'security'] as const;
export const AdminArea = z.enum(ADMIN_AREAS);
export type AdminArea = z.infer<typeof AdminArea>;

/** The area an administrator needs to change administrators' areas (and to make, unmake or take over administrators). */
export const ADMINISTRATORS_AREA: AdminArea = 'security';

/** Stable problem type of a 403 for a missing area. */
export const MISSING_RIGHT_TYPE = 'https://portal-console.invalid/problems/missing-admin-right';

/** The areas in ADMIN_AREAS order, without duplicates. */
export function normaliseAreas(areas: Iterable<AdminArea>): AdminArea[] {
  const wanted = new Set(areas);
  return ADMIN_AREAS.filter((area) => wanted.has(area));
}

export function isFullAdministrator(areas: readonly AdminArea[]): boolean {
  return ADMIN_AREAS.every((area) => areas.includes(area));
}

/** `null` is how a full administrator is stored: every area, also those added in later versions. */
export function areasOfStored(stored: readonly string[] | null): AdminArea[] {
  if (stored === null) return [...ADMIN_AREAS];
  return normaliseAreas(stored.filter((area): area is AdminArea => AdminArea.safeParse(area).success));
}

export function storedOfAreas(areas: readonly AdminArea[]): AdminArea[] | null {
  return isFullAdministrator(areas) ? null : normaliseAreas(areas);
}

export const AdministratorAreas = z.object({
  userId: z.string(),
  login: z.string(),
  displayName: z.string(),
  isAdmin: z.boolean(),
  /** True when the administrator holds every area (stored as "full", so areas added later are included). */
  full: z.boolean(),
  areas: z.array(AdminArea),
});
export type AdministratorAreas = z.infer<typeof AdministratorAreas>;

export const SetAdministratorAreas = z.object({
  areas: z.array(AdminArea).max(ADMIN_AREAS.length * 2),
});
export type SetAdministratorAreas = z.infer<typeof SetAdministratorAreas>;
