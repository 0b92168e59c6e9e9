import { CallResult, contract, type Channel, type RequestOf, type ResponseOf } from '../../../common/contract';
import { ConsoleError, isConsoleError } from '../../../common/errors';
import { WebSocketTransport, type Transport } from './ws-transport';

/** What the preload exposes: one function per contract channel, each answering a `CallResult`; `callId` names it for a cancel. */
export type PortalConsoleBridge = { [C in Channel]: (request: RequestOf<C>, callId?: number) => Promise<CallResult> };
/** The preload's cancel: main aborts what it still does for that call (its portal requests). */
export type PortalConsoleCancel = (callId: number) => void;

declare global {
  interface Window {
    portalConsole?: PortalConsoleBridge;
    portalConsoleCancel?: PortalConsoleCancel;
  }
}

let transport: Transport | null = null;

/**
 * Calls the backend through the contract. Resolves with the response parsed by the contract's zod
 * schema; rejects with a `ConsoleError` for every failure (backend errors keep their code and details).
 * With a `signal` (react-query passes one), an aborted call rejects at once and is cancelled in the backend too,
 * which aborts its portal request: a search superseded by the next keystroke costs nothing more anywhere.
 */
export async function callConsole<C extends Channel>(channel: C, request: RequestOf<C>, options: { signal?: AbortSignal } = {}): Promise<ResponseOf<C>> {
  const spec = contract[channel];
  const checked = spec.request.safeParse(request);
  if (!checked.success) {
    throw new ConsoleError('VALIDATION', `Invalid request for ${channel}`, {
      errors: checked.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
    });
  }
  const result = await abortable(callTransport(channel, request, options.signal), options.signal);
  if (!result.ok) throw ConsoleError.from(result.error);
  const response = spec.response.safeParse(result.value);
  if (!response.success) {
    throw new ConsoleError('MALFORMED_RESPONSE', `The answer to ${channel} does not match the contract.`, {
      channel,
      errors: response.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
    });
  }
  return response.data as ResponseOf<C>;
}

function abortable<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

async function callTransport(channel: Channel, request: unknown, signal: AbortSignal | undefined): Promise<CallResult> {
  let raw: unknown;
  try {
    raw = await getTransport().call(channel, request, signal);
  } catch (error) {
    if (isConsoleError(error) || signal?.aborted === true) throw error;
    throw new ConsoleError('INTERNAL', error instanceof Error ? error.message : String(error));
  }
  const parsed = CallResult.safeParse(raw);
  if (!parsed.success) throw new ConsoleError('MALFORMED_RESPONSE', `The answer to ${channel} is not a call result.`);
  return parsed.data;
}

/** Replaces the transport (tests, or a host that wires its own); `null` restores the default choice. */
export function setConsoleTransport(next: Transport | null): void {
  transport?.close?.();
  transport = next;
}

function getTransport(): Transport {
  transport ??= defaultTransport();
  return transport;
}

function defaultTransport(): Transport {
  const bridge = typeof window === 'undefined' ? undefined : window.portalConsole;
  if (bridge) return electronTransport(bridge, window.portalConsoleCancel);
  return new WebSocketTransport({
    url: () => browserHostSocketUrl(window.location, readTabWorkspace()),
    onWorkspace: (token) => writeTabWorkspace(token),
  });
}

/** sessionStorage is per tab and survives a reload: the tab finds its own portal session again. */
const TAB_WORKSPACE_KEY = 'portalConsole.workspace';

function readTabWorkspace(): string | null {
  try {
    return window.sessionStorage.getItem(TAB_WORKSPACE_KEY);
  } catch {
    return null;
  }
}

function writeTabWorkspace(token: string): void {
  try {
    window.sessionStorage.setItem(TAB_WORKSPACE_KEY, token);
  } catch {
    // Without sessionStorage a reload starts a new workspace: signed out, nothing crosses.
  }
}

export function electronTransport(bridge: PortalConsoleBridge, cancel?: PortalConsoleCancel): Transport {
  let nextId = 1;
  return {
    call(channel, request, signal) {
      const fn = (bridge as unknown as Record<string, ((request: unknown, callId?: number) => Promise<CallResult>) | undefined>)[channel];
      if (!fn) return Promise.reject(new ConsoleError('UNKNOWN_CHANNEL', `The console shell does not offer ${channel}.`));
      if (signal === undefined || cancel === undefined) return fn(request);
      const id = nextId++;
      const onAbort = () => cancel(id);
      signal.addEventListener('abort', onAbort, { once: true });
      return fn(request, id).finally(() => signal.removeEventListener('abort', onAbort));
    },
  };
}

export function browserHostSocketUrl(location: Pick<Location, 'protocol' | 'host'>, workspace: string | null = null): string {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  const query = workspace === null ? '' : `?workspace=${encodeURIComponent(workspace)}`;
  return `${scheme}://${location.host}/ws${query}`;
}
