import type { FastifyInstance, FastifyRequest } from 'fastify';
import { findImpossibleText } from '../../common/portal-api/text';
import { problem } from './problem';

const PARTS = [
  ['params', 'path'],
  ['query', 'query'],
  ['body', 'body'],
] as const;

function refuseImpossibleText(request: FastifyRequest): void {
  for (const [part, name] of PARTS) {
    const path = findImpossibleText(request[part]);
    if (path === null) continue;
    throw problem(400, 'Bad Request', {
      code: 'invalid_characters',
      detail: `The ${name} contains a character no text can hold (NUL or a lone surrogate).`,
      errors: [{ path: path === '' ? name : `${name}.${path}`, message: 'Invalid character' }],
    });
  }
}

/**
 * Every route, public ones too (sign-in), refuses NUL and lone surrogates in path, query and body with
 * 400 before validation: PostgreSQL cannot store them, so they would otherwise surface as 500s deep down.
 */
export function installInputGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    refuseImpossibleText(request);
  });
}
