import { z } from 'zod';

// Kept apart from sla.ts: the contract needs these enums on every screen, the deadline arithmetic (luxon) only in support.
export const supportPackages = ['starter', 'advanced', 'professional', 'premium'] as const;
export const SupportPackage = z.enum(supportPackages);
export type SupportPackage = z.infer<typeof SupportPackage>;

/** Ordered from most to least urgent. */
export const severities = ['critical', 'major', 'other'] as const;
export const Severity = z.enum(severities);
export type Severity = z.infer<typeof Severity>;
