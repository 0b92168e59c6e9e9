import { lazy, Suspense, useState, type ComponentType } from 'react';
import type { SessionState } from '../../../common/contract';
import { ConnectPage, StartupScreen, useStartupSession } from '../features/connect';
import { loadAreaLocales } from '../lib/i18n';
import { useSession } from '../lib/session';
import { registerShellPreload } from '../lib/shell-preload';

type Layout = ComponentType<{ session: SessionState }>;
/** Set once the shell's chunk and texts are in (preloaded while the password is checked). */
let loadedLayout: Layout | null = null;
/** The signed-in shell is its own chunk, and the areas' texts another: the sign-in screen loads neither until a sign-in is sent. */
const loadShell = () =>
  Promise.all([import('./AppLayout'), loadAreaLocales()]).then(([module]) => {
    loadedLayout = module.AppLayout;
    return module.AppLayout;
  });
registerShellPreload(loadShell);
const LazyLayout = lazy(async () => ({ default: await loadShell() }));

/** Start-up sequence, then either the connect screen or the signed-in shell. */
export function App() {
  const phase = useStartupSession();
  const session = useSession(phase === 'done');
  if (phase !== 'done' || session.isPending) return <StartupScreen phase={phase} />;
  if (!session.data) return <ConnectPage />;
  return <SignedInShell session={session.data} />;
}

/**
 * A preloaded shell renders at once: suspending on it again would show the fallback first, and React holds back
 * content that replaces a fallback for up to 300 ms (its throttle), so the portal name came that much later.
 * The choice is made once per signed-in shell, so the shell is never remounted.
 */
function SignedInShell({ session }: { session: SessionState }) {
  const [Layout] = useState<Layout>(() => loadedLayout ?? LazyLayout);
  return (
    <Suspense fallback={<StartupScreen phase="done" />}>
      <Layout session={session} />
    </Suspense>
  );
}
