import './fastify-types';

export { problem, ProblemError, isProblemError, type ProblemExtras } from './problem';
export { etagOf, checkIfMatch, parseIfMatch } from './etag';
export { encodeCursor, decodeCursor } from './cursor';
export { toClientProblem, sendProblem } from './error-handler';
export { recordAudit, type AuditInput } from '../audit';
export type { Actor } from '../auth/require-admin';
