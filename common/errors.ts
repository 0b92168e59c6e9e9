import { z } from 'zod';

/** Every failure that crosses the renderer/main boundary has one of these codes. */
export const errorCodes = [
  'VALIDATION',
  'NOT_FOUND',
  'CONFLICT',
  'PRECONDITION_FAILED',
  'PRECONDITION_REQUIRED',
  'INVALID_CREDENTIALS',
  'ACCOUNT_LOCKED',
  'PASSWORD_CHANGE_REQUIRED',
  'FORBIDDEN',
  /** The workspace is read-only (profile or sign-in): main refused a call that would change the portal. */
  'READ_ONLY',
  'NOT_SIGNED_IN',
  'SESSION_EXPIRED',
  'RATE_LIMITED',
  'UNREACHABLE',
  'TIMEOUT',
  'TLS_ERROR',
  'TLS_UNTRUSTED',
  'PIN_MISMATCH',
  'SERVER_ERROR',
  'MALFORMED_RESPONSE',
  'PAYLOAD_TOO_LARGE',
  'KEYCHAIN_UNAVAILABLE',
  'UNKNOWN_CHANNEL',
  'INTERNAL',
] as const;

export const ErrorCode = z.enum(errorCodes);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const ConsoleErrorShape = z.object({
  code: ErrorCode,
  /** English fallback text; the renderer shows its own translation keyed by `code`. */
  message: z.string(),
  details: z.record(z.string(), z.unknown()).optional(),
});
export type ConsoleErrorShape = z.infer<typeof ConsoleErrorShape>;

/** Thrown in main and portal client code; serialised as ConsoleErrorShape across the boundary. */
export class ConsoleError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'ConsoleError';
    this.code = code;
    this.details = details;
  }

  toJSON(): ConsoleErrorShape {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }

  static from(shape: ConsoleErrorShape): ConsoleError {
    return new ConsoleError(shape.code, shape.message, shape.details);
  }
}

export function isConsoleError(value: unknown): value is ConsoleError {
  return value instanceof ConsoleError;
}
