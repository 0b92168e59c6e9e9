import { lazy, Suspense } from 'react';
import { ConnectPage, StartupScreen, useStartupSession } from '../features/connect';
import { loadAreaLocales } from '../lib/i18n';
import { useSession } from '../lib/session';
import { registerShellPreload } from '../lib/shell-preload';

/** The signed-in shell is its own chunk, and the areas' texts another: the sign-in screen loads neither until a sign-in is sent. */
const loadShell = () => Promise.all([import('./AppLayout'), loadAreaLocales()]);
registerShellPreload(loadShell);
const AppLayout = lazy(async () => ({ default: (await loadShell())[0].AppLayout }));

/** Start-up sequence, then either the connect screen or the signed-in shell. */
export function App() {
  const phase = useStartupSession();
  const session = useSession(phase === 'done');
  if (phase !== 'done' || session.isPending) return <StartupScreen phase={phase} />;
  if (!session.data) return <ConnectPage />;
  return (
    <Suspense fallback={<StartupScreen phase={phase} />}>
      <AppLayout session={session.data} />
    </Suspense>
  );
}
