/**
 * What the logs may say about a thrown error. Drizzle's query errors carry the statement's parameters
 * (`params`, and in their message "params: ..."): logins, e-mail addresses, password hashes. Those never
 * reach a log: only the error's name, codes, the SQL text with its placeholders, and the database's own
 * message with quoted values replaced.
 */
export interface SafeErrorDescription {
  name: string;
  message: string;
  code: string | null;
  /** PostgreSQL SQLSTATE of the database error behind it. */
  sqlState?: string;
  /** The statement with $1.. placeholders, never its values. */
  query?: string;
  constraint?: string;
  table?: string;
  column?: string;
}

type ErrorLike = { name?: unknown; message?: unknown; code?: unknown; query?: unknown; params?: unknown; cause?: unknown; constraint?: unknown; table?: unknown; column?: unknown };

const MAX_QUERY_LENGTH = 2000;

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** PostgreSQL quotes offending values in its messages (`invalid input syntax for type uuid: "abc"`). */
function withoutValues(message: string): string {
  return message
    .replace(/: "(?:[^"\\]|\\.)*"/g, ': [value]')
    .replace(/=\((?:[^()]|\([^()]*\))*\)/g, '=([value])')
    .replace(/\bparams:.*$/gs, 'params: [not logged]');
}

function isQueryError(error: ErrorLike): boolean {
  return typeof error.query === 'string' && 'params' in error;
}

/** The PostgreSQL error (it has a five-character SQLSTATE): the error itself or one of its causes. */
function databaseCause(error: ErrorLike): ErrorLike | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && typeof current === 'object' && current !== null; depth += 1) {
    const code = (current as ErrorLike).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return current as ErrorLike;
    current = (current as ErrorLike).cause;
  }
  return undefined;
}

export function describeError(error: unknown): SafeErrorDescription {
  if (typeof error !== 'object' || error === null) return { name: typeof error, message: withoutValues(String(error)), code: null };
  const candidate = error as ErrorLike;
  const constructorName = (error as { constructor?: { name?: unknown } }).constructor?.name;
  const name = text(candidate.name) === 'Error' ? (text(constructorName) ?? 'Error') : (text(candidate.name) ?? 'Error');
  const code = text(candidate.code) ?? null;
  if (!isQueryError(candidate)) {
    const cause = databaseCause(candidate);
    const ownCode = cause === candidate ? null : code;
    return { name, message: withoutValues(text(candidate.message) ?? ''), code: ownCode, ...(cause ? databaseFields(cause) : {}) };
  }
  const cause = databaseCause(candidate) ?? (typeof candidate.cause === 'object' && candidate.cause !== null ? (candidate.cause as ErrorLike) : undefined);
  const causeMessage = text(cause?.message);
  return {
    name,
    message: causeMessage === undefined ? 'Failed query' : `Failed query: ${withoutValues(causeMessage)}`,
    code,
    query: String(candidate.query).slice(0, MAX_QUERY_LENGTH),
    ...(cause ? databaseFields(cause) : {}),
  };
}

function databaseFields(cause: ErrorLike): Partial<SafeErrorDescription> {
  const fields: Partial<SafeErrorDescription> = {};
  const sqlState = text(cause.code);
  if (sqlState !== undefined && /^[0-9A-Z]{5}$/.test(sqlState)) fields.sqlState = sqlState;
  const constraint = text(cause.constraint);
  if (constraint !== undefined) fields.constraint = constraint;
  const table = text(cause.table);
  if (table !== undefined) fields.table = table;
  const column = text(cause.column);
  if (column !== undefined) fields.column = column;
  return fields;
}
