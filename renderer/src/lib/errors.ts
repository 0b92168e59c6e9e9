import type { TFunction } from 'i18next';
import { ACTIVATION_CODE_VALID_DAYS } from '../../../common/domain/activation-code';
import { ConsoleError, ConsoleErrorShape, type ErrorCode } from '../../../common/errors';

export interface ErrorDescription {
  code: ErrorCode;
  title: string;
  message: string;
  /** Extra lines: field errors, pins, technical details. */
  hints?: string[];
}

/** Codes whose English backend message helps the administrator or support (it names the cause). */
const codesWithTechnicalDetail: ReadonlySet<ErrorCode> = new Set([
  'CONFLICT',
  'NOT_FOUND',
  'FORBIDDEN',
  'UNREACHABLE',
  'TLS_ERROR',
  'SERVER_ERROR',
  'MALFORMED_RESPONSE',
  'KEYCHAIN_UNAVAILABLE',
  'INTERNAL',
]);

/** Normalises anything thrown into a ConsoleError (unknown errors become INTERNAL). */
export function toConsoleError(error: unknown): ConsoleError {
  if (error instanceof ConsoleError) return error;
  const shape = ConsoleErrorShape.safeParse(error);
  if (shape.success) return ConsoleError.from(shape.data);
  return new ConsoleError('INTERNAL', error instanceof Error ? error.message : String(error));
}

export function errorCodeOf(error: unknown): ErrorCode {
  return toConsoleError(error).code;
}

/** The translated title, message and hints for an error, built from its code and details. */
export function describeError(error: unknown, t: TFunction): ErrorDescription {
  const consoleError = toConsoleError(error);
  const { code } = consoleError;
  const details = consoleError.details ?? {};
  const hints = [...specificHints(code, details, t), ...technicalHints(consoleError, t)];
  return {
    code,
    title: t(`common:errors.${code}.title`),
    message: specificMessage(code, details, t),
    ...(hints.length > 0 ? { hints } : {}),
  };
}

function specificMessage(code: ErrorCode, details: Record<string, unknown>, t: TFunction): string {
  if (code === 'ACCOUNT_LOCKED') {
    const until = parseDate(details.lockedUntil);
    if (until) {
      return t('common:errors.ACCOUNT_LOCKED.messageUntil', {
        until,
        formatParams: { until: { dateStyle: 'medium', timeStyle: 'short' } },
        interpolation: { escapeValue: false },
      });
    }
  }
  if (code === 'RATE_LIMITED' && typeof details.retryAfter === 'number' && details.retryAfter >= 0) {
    return t('common:errors.RATE_LIMITED.messageRetry', { count: Math.ceil(details.retryAfter) });
  }
  if (code === 'PAYLOAD_TOO_LARGE') return tooLargeMessage(details, t) ?? t('common:errors.PAYLOAD_TOO_LARGE.message');
  if (code === 'FORBIDDEN' && typeof details.missingRight === 'string') return missingRightMessage(details.missingRight, t);
  if (code === 'INVALID_CREDENTIALS' && details.problemCode === 'activation_code_expired') return t('common:errors.INVALID_CREDENTIALS.activationCodeExpired', { days: ACTIVATION_CODE_VALID_DAYS });
  return t(`common:errors.${code}.message`);
}

function specificHints(code: ErrorCode, details: Record<string, unknown>, t: TFunction): string[] {
  if (code === 'VALIDATION') return validationHints(details.errors, t);
  if (code === 'PIN_MISMATCH') return pinHints(details, t);
  if (code === 'PAYLOAD_TOO_LARGE') return tooLargeHints(details, t);
  return [];
}

/** A 403 of the portal's administrator roles names the right; the texts live with the administrators feature. */
function missingRightMessage(right: string, t: TFunction): string {
  return t('administrators:missingRight.apiMessage', { right: t(`administrators:areas.${right}`, { defaultValue: right }) });
}

const MiB = 1024 * 1024;
/** The texts live with the support feature, where attachments and their limits are. */
const tooLargeKeys = 'support:errors.tooLarge';
const tooLargeHintKeys: ReadonlySet<string> = new Set(['shorterRange']);
const mebibytesFormat = { minimumFractionDigits: 1, maximumFractionDigits: 1 };

interface SizeFacts {
  kind: 'attachment' | 'ticket';
  name: string;
  size: number;
  limit: number;
}

/** What main (and the portal, where it can) says about a size error: one attachment or all of a ticket. */
function sizeFactsOf(details: Record<string, unknown>): SizeFacts | null {
  const { name, size, limit, reason } = details;
  if (typeof size !== 'number' || typeof limit !== 'number') return null;
  if (reason === 'attachment_too_large' && typeof name === 'string') return { kind: 'attachment', name, size, limit };
  if (reason === 'ticket_attachments_too_large') return { kind: 'ticket', name: '', size, limit };
  return null;
}

/** "“app.log” has 12.3 MiB (12,897,484 bytes); an attachment may have at most 10.0 MiB (…)" in the user's language. */
function tooLargeMessage(details: Record<string, unknown>, t: TFunction): string | null {
  const facts = sizeFactsOf(details);
  if (facts === null) return null;
  return t(`${tooLargeKeys}.${facts.kind}`, {
    name: facts.name,
    size: facts.size / MiB,
    sizeBytes: facts.size,
    limit: facts.limit / MiB,
    limitBytes: facts.limit,
    formatParams: { size: mebibytesFormat, limit: mebibytesFormat },
    interpolation: { escapeValue: false },
  });
}

function tooLargeHints(details: Record<string, unknown>, t: TFunction): string[] {
  const hints: string[] = [];
  if (typeof details.hint === 'string' && tooLargeHintKeys.has(details.hint)) hints.push(t(`${tooLargeKeys}.hint.${details.hint}`));
  if (sizeFactsOf(details)?.kind === 'ticket') hints.push(t(`${tooLargeKeys}.hint.removeAttachments`));
  return hints;
}

function validationHints(errors: unknown, t: TFunction): string[] {
  if (!Array.isArray(errors)) return [];
  return errors.flatMap((entry: unknown) => {
    if (typeof entry !== 'object' || entry === null) return [];
    const { path, message } = entry as { path?: unknown; message?: unknown };
    if (typeof message !== 'string') return [];
    const field = typeof path === 'string' && path.length > 0 ? path : t('common:errors.validationRoot');
    return [t('common:errors.validationItem', { path: field, message })];
  });
}

function pinHints(details: Record<string, unknown>, t: TFunction): string[] {
  const hints: string[] = [];
  if (typeof details.expected === 'string') hints.push(t('common:errors.pinExpected', { pin: details.expected }));
  if (typeof details.backup === 'string') hints.push(t('common:errors.pinBackup', { pin: details.backup }));
  if (typeof details.actual === 'string') hints.push(t('common:errors.pinActual', { pin: details.actual }));
  return hints;
}

/** A size error without size and limit (e.g. the portal's 413) names them only in its English message. */
function needsTechnicalDetail(error: ConsoleError): boolean {
  if (error.code === 'PAYLOAD_TOO_LARGE') return sizeFactsOf(error.details ?? {}) === null;
  return codesWithTechnicalDetail.has(error.code);
}

function technicalHints(error: ConsoleError, t: TFunction): string[] {
  if (!needsTechnicalDetail(error) || error.message.trim() === '') return [];
  return [t('common:errors.technicalDetail', { message: error.message })];
}

function parseDate(value: unknown): Date | null {
  if (typeof value !== 'string') return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

export interface PreconditionConflict {
  /** The version the portal holds now, to show next to the administrator's (ConflictDialog `theirs`). */
  current: unknown;
  /** Its ETag: send it as If-Match to save "mine" over it deliberately. */
  currentEtag: string | null;
}

/** For a PRECONDITION_FAILED (HTTP 412) error: the portal's current version; null for any other error. */
export function preconditionConflict(error: unknown): PreconditionConflict | null {
  const consoleError = toConsoleError(error);
  if (consoleError.code !== 'PRECONDITION_FAILED') return null;
  const details = consoleError.details ?? {};
  return { current: details.current, currentEtag: typeof details.currentEtag === 'string' ? details.currentEtag : null };
}
