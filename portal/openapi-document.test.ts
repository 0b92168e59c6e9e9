import { createConfig, lintFromString } from '@redocly/openapi-core';
import { describe, expect, it } from 'vitest';
import { operationIdOf } from './http/openapi-document';
import { operationsOf, type OpenApiDocument } from './openapi-fuzz-cases';
import { startTestPortal } from './test-support';

/**
 * `{id}` is a UUID, so `/users/import/...` never matches `/users/{id}/...`; Redocly cannot know that.
 * Renaming the paths would break every client, so exactly these two warnings are accepted.
 */
const ACCEPTED = [
  'no-ambiguous-paths: Paths should resolve unambiguously. Found two ambiguous paths: `/api/v1/users/import/{jobId}` and `/api/v1/users/{id}/password`.',
  'no-ambiguous-paths: Paths should resolve unambiguously. Found two ambiguous paths: `/api/v1/users/import/{jobId}` and `/api/v1/users/{id}/unlock`.',
];

async function openApiDocument(): Promise<string> {
  const portal = await startTestPortal();
  try {
    const response = await portal.request('GET', '/api/v1/openapi.json');
    expect(response.status).toBe(200);
    return response.text;
  } finally {
    await portal.close();
  }
}

describe('the OpenAPI document', () => {
  it("passes Redocly's recommended rules and says which problem+json answers every operation can give", { timeout: 120_000 }, async () => {
    const source = await openApiDocument();
    const config = await createConfig({ extends: ['recommended'] });
    const problems = await lintFromString({ source, absoluteRef: 'openapi.json', config });
    expect(problems.map((problem) => `${problem.ruleId}: ${problem.message}`).sort()).toEqual(ACCEPTED);

    const doc = JSON.parse(source) as OpenApiDocument & { servers?: unknown[] };
    expect(doc.servers).toHaveLength(1);
    const operations = operationsOf(doc);
    expect(operations.length).toBeGreaterThanOrEqual(96);
    for (const { path, method, operation } of operations) {
      expect(operation.operationId, `${method} ${path}`).toBe(operationIdOf(method, path));
      expect(operation.security, `${method} ${path}`).toBeDefined();
      const statuses = Object.keys(operation.responses ?? {});
      expect(statuses, `${method} ${path}`).toEqual(expect.arrayContaining(['400', '429']));
      if (operation.security!.length > 0) expect(statuses, `${method} ${path}`).toEqual(expect.arrayContaining(['401', '403']));
      if ((operation.parameters ?? []).some((parameter) => parameter.in === 'path')) expect(statuses).toContain('404');
      const ifMatch = (operation.parameters ?? []).some((parameter) => parameter.in === 'header' && parameter.name === 'If-Match');
      expect(statuses.includes('428') && statuses.includes('412'), `${method} ${path}`).toBe(ifMatch);
    }
    // Which operations need If-Match is checked against their answers in openapi-fuzz.test.ts.
    expect(operations.filter(({ operation }) => Object.keys(operation.responses ?? {}).includes('428')).length).toBeGreaterThan(20);
    // Public operations declare it (security: []), all others the bearer session.
    const publicOperations = operations.filter(({ operation }) => operation.security?.length === 0).map(({ method, path }) => `${method} ${path}`);
    expect(publicOperations).toEqual(expect.arrayContaining(['get /api/v1/health', 'post /api/v1/registrations', 'post /api/v1/sessions']));
    const isMemberApi = (path: string) => path.startsWith('/member/api/v1/');
    const isDeskApi = (path: string) => path.startsWith('/desk/api/v1/');
    for (const { path, operation } of operations) {
      if (operation.security!.length === 0 || isMemberApi(path) || isDeskApi(path)) continue;
      expect(operation.security, path).toEqual([{ bearerAuth: [] }]);
    }
    // The member side: a member session (never an admin session), optional where guests may call.
    const memberSecurity = operations.filter(({ path }) => isMemberApi(path)).map(({ operation }) => JSON.stringify(operation.security));
    expect(new Set(memberSecurity)).toEqual(new Set(['[]', '[{"memberBearer":[]}]', '[{"memberBearer":[]},{}]']));
    // The support desk: an agent session (never an admin session); only its sign-in is public.
    const deskSecurity = operations.filter(({ path }) => isDeskApi(path)).map(({ method, path, operation }) => `${method} ${path} ${JSON.stringify(operation.security)}`);
    expect(deskSecurity.filter((entry) => !entry.endsWith('[{"deskBearer":[]}]'))).toEqual(['post /desk/api/v1/sessions []']);
    expect(deskSecurity.length).toBeGreaterThanOrEqual(7);
  });
});
