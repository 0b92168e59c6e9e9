/** Release of the portal software this reference server stands in for. */
export const PORTAL_SOFTWARE_VERSION = '12.0.3';
