/**
 * The signed-in shell's chunks (its layout and the areas' texts) are fetched when the sign-in form opens, so they
 * arrive while the password is typed instead of after the portal answered. The app registers what to load;
 * the connect feature only says when, so neither imports the other.
 */
let loadShell: (() => Promise<unknown>) | null = null;

export function registerShellPreload(load: () => Promise<unknown>): void {
  loadShell = load;
}

/** Starts loading the shell; a failure here is left to the shell's own loading, which shows it. */
export function preloadShell(): void {
  void loadShell?.().catch(() => undefined);
}
