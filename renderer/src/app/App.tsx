import { useEffect, useState, type ComponentType } from 'react';
import type { SessionState } from '../../../common/contract';
import { ConnectPage, StartupScreen, useStartupSession } from '../features/connect';
import { loadAreaLocales } from '../lib/i18n';
import { useSession } from '../lib/session';
import { registerShellPreload } from '../lib/shell-preload';

type Layout = ComponentType<{ session: SessionState }>;
/** Set once the shell's chunk and texts are in (preloaded while the password is typed). */
let loadedLayout: Layout | null = null;
/** The signed-in shell is its own chunk, and the areas' texts another: the sign-in screen loads neither until its form opens. */
const loadShell = () =>
  Promise.all([import('./AppLayout'), loadAreaLocales()]).then(([module]) => {
    void module.preloadOverview().catch(() => undefined);
    loadedLayout = module.AppLayout;
    return module.AppLayout;
  });
registerShellPreload(loadShell);

/** Start-up sequence, then either the connect screen or the signed-in shell. */
export function App() {
  const phase = useStartupSession();
  const session = useSession(phase === 'done');
  if (phase !== 'done' || session.isPending) return <StartupScreen phase={phase} />;
  if (!session.data) return <ConnectPage />;
  return <SignedInShell session={session.data} />;
}

/**
 * The shell shows as soon as its chunk and texts are in (preloaded while the password is typed), without a
 * Suspense fallback: React holds back content that replaces a fallback for up to 300 ms (its throttle), and the
 * portal name came that much later. The layout is chosen once, so the shell is never remounted.
 */
function SignedInShell({ session }: { session: SessionState }) {
  const [shell, setShell] = useState<{ layout?: Layout; error?: unknown }>(() => (loadedLayout ? { layout: loadedLayout } : {}));
  useEffect(() => {
    if (shell.layout !== undefined || shell.error !== undefined) return;
    let mounted = true;
    loadShell().then(
      (layout) => mounted && setShell({ layout }),
      (error: unknown) => mounted && setShell({ error }),
    );
    return () => {
      mounted = false;
    };
  }, [shell]);
  if (shell.error !== undefined) throw shell.error;
  if (shell.layout === undefined) return <StartupScreen phase="done" />;
  const Layout = shell.layout;
  return <Layout session={session} />;
}
