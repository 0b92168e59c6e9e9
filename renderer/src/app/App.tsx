import { lazy, Suspense, useEffect } from 'react';
import { ConnectPage, StartupScreen, useStartupSession } from '../features/connect';
import { useSession } from '../lib/session';

/** The signed-in shell is its own chunk: the sign-in screen loads none of it. */
const loadShell = () => import('./AppLayout');
const AppLayout = lazy(async () => ({ default: (await loadShell()).AppLayout }));

/** Start-up sequence, then either the connect screen or the signed-in shell. */
export function App() {
  const phase = useStartupSession();
  const session = useSession(phase === 'done');
  useEffect(() => {
    // An automatic sign-in will most likely end in the shell: fetch it meanwhile.
    if (phase === 'autoSignIn') void loadShell();
  }, [phase]);
  if (phase !== 'done' || session.isPending) return <StartupScreen phase={phase} />;
  if (!session.data) return <ConnectPage />;
  return (
    <Suspense fallback={<StartupScreen phase={phase} />}>
      <AppLayout session={session.data} />
    </Suspense>
  );
}
