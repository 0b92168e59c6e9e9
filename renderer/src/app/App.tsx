import { ConnectPage, StartupScreen, useStartupSession } from '../features/connect';
import { useSession } from '../lib/session';
import { AppLayout } from './AppLayout';

/** Start-up sequence, then either the connect screen or the signed-in shell. */
export function App() {
  const phase = useStartupSession();
  const session = useSession(phase === 'done');
  if (phase !== 'done' || session.isPending) return <StartupScreen phase={phase} />;
  return session.data ? <AppLayout session={session.data} /> : <ConnectPage />;
}
