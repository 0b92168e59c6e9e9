import { describe, expect, it } from 'vitest';
import { DESK_API_PREFIX } from '../common/portal-api/desk';
import { Problem, PROBLEM_CONTENT_TYPE } from '../common/portal-api/problem';
import { DEMO_AGENT } from './demo/support';
import { casesFor, operationsOf, type FuzzCase, type OpenApiDocument } from './openapi-fuzz-cases';
import { sharedSignedInPortal, type TestResponse } from './test-support';

// Limits high enough that the fuzzing itself is never throttled (429 would hide what it probes).
const shared = sharedSignedInPortal({
  rateLimit: { max: 1_000_000, windowMs: 60_000 },
  loginRateLimit: { max: 1_000_000, windowMs: 60_000 },
});

const SEED = 16;
/** Support desk operations run with an agent's session (an admin's is refused there before any input is read). */
const DESK_PREFIX = `${DESK_API_PREFIX}/`;
const PARALLEL = 4;
const ANONYMOUS_SAMPLE = 5;

interface Finding {
  label: string;
  status: number;
  contentType: string;
  text: string;
}

/**
 * Undefined when the answer is acceptable: below 500, every error a problem+json whose status matches,
 * and a 412/428 only where the document says the operation needs If-Match.
 */
function findingOf(fuzzCase: FuzzCase & { documented: string[] }, session: string, response: TestResponse): Finding | undefined {
  const contentType = String(response.headers['content-type'] ?? '');
  const label = `${fuzzCase.method} ${fuzzCase.url.slice(0, 120)} [${fuzzCase.label}] (${session})`;
  const finding = { label, status: response.status, contentType, text: response.text.slice(0, 300) };
  if (response.status >= 500) return finding;
  if (response.status < 400) return undefined;
  if (!contentType.startsWith(PROBLEM_CONTENT_TYPE)) return finding;
  if ((response.status === 412 || response.status === 428) && !fuzzCase.documented.includes(String(response.status))) return finding;
  try {
    const body = Problem.parse(JSON.parse(response.text));
    return body.status === response.status ? undefined : finding;
  } catch {
    return finding;
  }
}

async function inPool<T>(items: readonly T[], parallel: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next]!;
      next += 1;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
}

describe('every operation of the OpenAPI document under hostile input', () => {
  it('never answers 5xx and answers every error as problem+json, with and without a session', { timeout: 240_000 }, async () => {
    const documentResponse = await shared.portal.request('GET', '/api/v1/openapi.json');
    const doc = documentResponse.json<OpenApiDocument>();
    const operations = operationsOf(doc);
    expect(operations.length).toBeGreaterThan(90);

    const cases = operations.flatMap(({ path, method, operation }, index) =>
      casesFor(doc, path, method, operation, SEED + index).map((fuzzCase, caseIndex) => ({
        ...fuzzCase,
        documented: Object.keys(operation.responses ?? {}),
        // Without a session a protected operation answers 401 before reading anything: a sample suffices there.
        anonymous: operation.security === undefined || operation.security.length === 0 || caseIndex % ANONYMOUS_SAMPLE === 0,
      })),
    );
    const signInAgent = async () => (await shared.portal.request('POST', `${DESK_API_PREFIX}/sessions`, { body: DEMO_AGENT })).json<{ token: string }>().token;
    let token = shared.token;
    let agentToken = await signInAgent();
    let requests = 0;
    const findings: Finding[] = [];
    const send = (fuzzCase: FuzzCase, bearer: string | undefined): Promise<TestResponse> => {
      requests += 1;
      return shared.portal
        .request(fuzzCase.method, fuzzCase.url, {
          ...(bearer === undefined ? {} : { token: bearer }),
          ...(fuzzCase.body === undefined ? {} : { rawBody: fuzzCase.body, headers: { 'content-type': 'application/json' } }),
        })
        // No answer at all (the connection cut) is a finding like a 5xx.
        .catch((error: unknown): TestResponse => ({ status: 599, headers: {}, text: String(error), json: () => JSON.parse('null') }));
    };

    await inPool(cases, PARALLEL, async (fuzzCase) => {
      if (fuzzCase.anonymous) {
        const anonymousFinding = findingOf(fuzzCase, 'no session', await send(fuzzCase, undefined));
        if (anonymousFinding !== undefined) findings.push(anonymousFinding);
      }

      const desk = fuzzCase.url.startsWith(DESK_PREFIX);
      const signedIn = await send(fuzzCase, desk ? agentToken : token);
      const signedInFinding = findingOf(fuzzCase, desk ? 'agent session' : 'session', signedIn);
      if (signedInFinding !== undefined) findings.push(signedInFinding);
      // DELETE /sessions/current ends the session the fuzzing runs with: take a new one.
      if (signedIn.status === 401 && desk) agentToken = await signInAgent();
      else if (signedIn.status === 401) token = await shared.portal.signInAdmin();
    });

    console.info(`openapi fuzz: ${operations.length} operations, ${requests} requests, ${findings.length} findings`);
    expect(findings).toEqual([]);
  });
});
