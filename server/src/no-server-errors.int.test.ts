import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from './testing/databases.ts';
import { startTestNode, type Session, type TestNode } from './testing/test-node.ts';

/**
 * Every documented endpoint, fed junk by an admin and by nobody: the answer is a 4xx with an
 * error code, never a 500. A 500 here is a bug to reproduce in a focused test.
 */
describe.each(testDatabases())('no 500s on junk input on %s', (kind) => {
  let t: TestNode;
  let admin: Session;
  beforeAll(async () => {
    t = await startTestNode(kind);
    admin = await t.login('admin');
  });
  afterAll(() => t?.close());

  const junkBodies: unknown[] = [
    undefined,
    '',
    'null',
    '[]',
    '"text"',
    '{"a":',
    { kind: 'staff' },
    { name: null, regionCode: ['330106'] },
    { requestTime: 1, request: [] },
    '\u0000\u00ff',
  ];
  const junkParams = ['org_00000000000000000000000000', 'x', '%E4%B8%AD', '..%2f..%2fetc', '9'.repeat(40)];

  it('answers every route with a coded 4xx or a success', { timeout: 240_000 }, async () => {
    const doc = (await t.request('GET', '/api/openapi.json')).json() as { paths: Record<string, Record<string, unknown>> };
    const problems: string[] = [];
    let calls = 0;
    for (const [path, operations] of Object.entries(doc.paths)) {
      if (path.includes('logout')) continue; // would end the admin session mid-test
      for (const method of Object.keys(operations)) {
        for (const param of junkParams) {
          const url = path.replace(/\{[^}]+\}/g, param);
          for (const body of method === 'get' || method === 'delete' ? [undefined] : junkBodies) {
            for (const as of [admin, undefined]) {
              for (const query of method === 'get'
                ? ['?limit=abc&cursor=%00', '?cursor=abc', '?cursor=%7C%7C%7C&limit=5', '?cursor=%00&q=%25_%5C']
                : ['?orgId=x']) {
                const response = await t.request(method.toUpperCase(), `${url}${query}`, { as, body });
                calls++;
                if (response.statusCode >= 500)
                  problems.push(
                    `${method.toUpperCase()} ${url}${query} ${JSON.stringify(body)} → ${response.statusCode} ${response.body.slice(0, 200)}`,
                  );
                else if (response.statusCode >= 400) {
                  const error = response.json().error;
                  // CKAN's Action API keeps CKAN's own error shape (`__type`) so CKAN clients read it.
                  const coded = path.startsWith('/api/3/') ? Boolean(error?.__type || error?.code) : Boolean(error?.code);
                  if (!coded) problems.push(`${method.toUpperCase()} ${url} → ${response.statusCode} without an error code`);
                }
              }
            }
          }
        }
      }
    }
    expect(problems).toEqual([]);
    expect(calls).toBeGreaterThan(500);
  });
});
