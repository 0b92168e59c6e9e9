export { ConnectPage } from './ConnectPage';
export { StartupScreen } from './StartupScreen';
export { useStartupSession, type StartupPhase } from './startup';
export { CertificateDetails } from './CertificateDetails';
export { markSignedInShell } from './connect-screen-mark';
