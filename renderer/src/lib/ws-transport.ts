import { z } from 'zod';
import { CallResult } from '../../../common/contract';
import { ConsoleError } from '../../../common/errors';

/**
 * Carries one contract call to the backend and answers its raw `CallResult`. Aborting `signal` cancels the call
 * in the backend too (it aborts its portal requests) and rejects with the signal's reason.
 */
export interface Transport {
  call(channel: string, request: unknown, signal?: AbortSignal): Promise<CallResult>;
  close?(): void;
}

export interface WebSocketTransportOptions {
  /** Asked again on every (re)connect. */
  url: string | (() => string);
  /** The browser host names this tab's workspace on every connect (its own portal session); keep it for the next. */
  onWorkspace?: (token: string) => void;
  /** Defaults to the global WebSocket (browser, jsdom). */
  WebSocketImpl?: typeof WebSocket;
  /** First reconnect delay; doubles on each failed attempt up to maxDelayMs. */
  minDelayMs?: number;
  maxDelayMs?: number;
  /** A call that could not be sent within this time fails with UNREACHABLE. */
  queueTimeoutMs?: number;
}

const ServerMessage = z.object({ id: z.number(), result: z.unknown() });
const WorkspaceMessage = z.object({ workspace: z.string() });

interface PendingCall {
  id: number;
  message: string;
  resolve(result: CallResult): void;
  reject(error: unknown): void;
  /** Forgets the abort listener once the call is answered. */
  settled?: () => void;
  queueTimer: ReturnType<typeof setTimeout> | undefined;
}

/**
 * Browser mode: the contract over one WebSocket (`{id, channel, request}` out, `{id, result}` back).
 * Calls made while the socket is not open are queued and sent once it is; calls already sent fail
 * with UNREACHABLE when the socket dies, because the backend may or may not have run them.
 */
export class WebSocketTransport implements Transport {
  private socket: WebSocket | null = null;
  private nextId = 1;
  private readonly queued: PendingCall[] = [];
  private readonly sent = new Map<number, PendingCall>();
  private delayMs: number;
  private reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  private closed = false;
  private readonly options: Required<Omit<WebSocketTransportOptions, 'onWorkspace'>> & Pick<WebSocketTransportOptions, 'onWorkspace'>;

  constructor(options: WebSocketTransportOptions) {
    this.options = {
      WebSocketImpl: options.WebSocketImpl ?? globalThis.WebSocket,
      minDelayMs: 250,
      maxDelayMs: 10_000,
      queueTimeoutMs: 15_000,
      ...options,
    };
    this.delayMs = this.options.minDelayMs;
  }

  call(channel: string, request: unknown, signal?: AbortSignal): Promise<CallResult> {
    if (this.closed) return Promise.reject(unreachable('The console connection was closed.'));
    if (signal?.aborted === true) return Promise.reject(signal.reason);
    return new Promise<CallResult>((resolve, reject) => {
      const id = this.nextId++;
      const pending: PendingCall = {
        id,
        message: JSON.stringify({ id, channel, request }),
        resolve,
        reject,
        queueTimer: undefined,
      };
      if (this.isOpen()) {
        this.send(pending);
      } else {
        this.enqueue(pending);
        this.ensureConnecting();
      }
      if (signal !== undefined) this.cancelOnAbort(pending, signal);
    });
  }

  /** A queued call is dropped unsent; a sent one is cancelled in the backend (`{cancel: id}`). */
  private cancelOnAbort(pending: PendingCall, signal: AbortSignal): void {
    const onAbort = () => {
      const index = this.queued.indexOf(pending);
      if (index >= 0) {
        this.queued.splice(index, 1);
        clearTimeout(pending.queueTimer);
      } else if (this.sent.delete(pending.id) && this.isOpen()) {
        this.socket?.send(JSON.stringify({ cancel: pending.id }));
      }
      pending.reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
    pending.settled = () => signal.removeEventListener('abort', onAbort);
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.reconnectTimer);
    this.failAll(unreachable('The console connection was closed.'));
    this.socket?.close();
    this.socket = null;
  }

  private isOpen(): boolean {
    return this.socket !== null && this.socket.readyState === this.options.WebSocketImpl.OPEN;
  }

  private enqueue(pending: PendingCall): void {
    pending.queueTimer = setTimeout(() => {
      const index = this.queued.indexOf(pending);
      if (index >= 0) this.queued.splice(index, 1);
      pending.reject(unreachable('The console backend cannot be reached.'));
    }, this.options.queueTimeoutMs);
    this.queued.push(pending);
  }

  private send(pending: PendingCall): void {
    clearTimeout(pending.queueTimer);
    this.sent.set(pending.id, pending);
    this.socket?.send(pending.message);
  }

  private ensureConnecting(): void {
    if (this.socket !== null || this.reconnectTimer !== undefined || this.closed) return;
    this.connect();
  }

  private connect(): void {
    this.reconnectTimer = undefined;
    const { url } = this.options;
    const socket = new this.options.WebSocketImpl(typeof url === 'string' ? url : url());
    this.socket = socket;
    socket.onopen = () => {
      this.delayMs = this.options.minDelayMs;
      for (const pending of this.queued.splice(0)) this.send(pending);
    };
    socket.onmessage = (event: MessageEvent) => this.receive(event.data);
    // An error is always followed by close; all handling happens there.
    socket.onerror = () => undefined;
    socket.onclose = () => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.failSent(unreachable('The connection to the console backend was lost.'));
      this.scheduleReconnect();
    };
  }

  private scheduleReconnect(): void {
    if (this.closed) return;
    const delay = this.delayMs;
    this.delayMs = Math.min(this.delayMs * 2, this.options.maxDelayMs);
    this.reconnectTimer = setTimeout(() => this.connect(), delay);
  }

  private receive(data: unknown): void {
    const parsedJson = parseJson(data);
    const workspace = WorkspaceMessage.safeParse(parsedJson);
    if (workspace.success) return this.options.onWorkspace?.(workspace.data.workspace);
    const message = ServerMessage.safeParse(parsedJson);
    if (!message.success) return;
    const pending = this.sent.get(message.data.id);
    if (!pending) return;
    this.sent.delete(message.data.id);
    pending.settled?.();
    const result = CallResult.safeParse(message.data.result);
    if (result.success) pending.resolve(result.data);
    else pending.reject(new ConsoleError('MALFORMED_RESPONSE', 'The console backend sent an unreadable answer.'));
  }

  private failSent(error: ConsoleError): void {
    for (const pending of this.sent.values()) pending.reject(error);
    this.sent.clear();
  }

  private failAll(error: ConsoleError): void {
    this.failSent(error);
    for (const pending of this.queued.splice(0)) {
      clearTimeout(pending.queueTimer);
      pending.reject(error);
    }
  }
}

function parseJson(data: unknown): unknown {
  if (typeof data !== 'string') return undefined;
  try {
    return JSON.parse(data) as unknown;
  } catch {
    return undefined;
  }
}

function unreachable(message: string): ConsoleError {
  return new ConsoleError('UNREACHABLE', message);
}
