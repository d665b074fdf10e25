import { lookupMtaSts } from '../../../src/domain-check/mta-sts/lookup-mta-sts';
import { txt } from '../../helpers/dns-server';
import { policy, startPolicyFixture, stsRecord } from '../helpers/policy-fixture';

const BODY = 'version: STSv1\nmode: enforce\nmx: mx1.example.test\nmax_age: 86400\n';

describe('lookupMtaSts', () => {
  let fixture: Awaited<ReturnType<typeof startPolicyFixture>>;
  const lookup = (domain: string, timeoutMs?: number) =>
    lookupMtaSts(domain, fixture.resolver, { dispatcher: fixture.agent, port: fixture.web.port, ...(timeoutMs ? { timeoutMs } : {}) });

  beforeAll(async () => {
    fixture = await startPolicyFixture([
      stsRecord('example.test'),
      txt('_mta-sts.two.test', 'v=STSv1; id=1'),
      txt('_mta-sts.two.test', 'v=STSv1; id=2'),
      txt('_mta-sts.bad.test', 'v=STSv1; id=not valid'),
      txt('_mta-sts.spf.test', 'v=spf1 -all'),
    ]);
  });
  afterAll(() => fixture.close());

  it('discovers the record and parses the fetched policy', async () => {
    fixture.setRoute(policy(BODY));
    const result = await lookup('example.test');
    expect(result).toEqual({
      recordName: '_mta-sts.example.test',
      recordTexts: ['v=STSv1; id=20260101'],
      record: { id: '20260101', extensions: [] },
      policyUrl: `https://mta-sts.example.test:${fixture.web.port}/.well-known/mta-sts.txt`,
      policyText: BODY,
      policy: { mode: 'enforce', maxAge: 86400, mx: ['mx1.example.test'], extensions: [] },
      coverage: [],
    });
  });

  it('reports no record without a problem when only other TXT records exist', async () => {
    const result = await lookup('spf.test');
    expect(result.recordTexts).toEqual([]);
    expect(result.problem).toBeUndefined();
    expect(result.policyText).toBeUndefined();
  });

  it('stops at two v=STSv1 records and at a malformed one, without fetching', async () => {
    const before = fixture.web.requests.length;
    expect((await lookup('two.test')).problem).toEqual({
      code: 'STS_RECORD_MULTIPLE',
      message: '_mta-sts.two.test has 2 v=STSv1 records; senders need exactly one',
    });
    expect((await lookup('bad.test')).problem).toEqual({
      code: 'STS_RECORD_SYNTAX',
      message: '_mta-sts.bad.test: id must be 1 to 32 letters and digits, not "not valid"',
    });
    expect(fixture.web.requests.length).toBe(before);
  });

  it.each([
    ['a redirect', 'STS_POLICY_REDIRECT', (_q: unknown, res: import('node:http').ServerResponse) => { res.writeHead(302, { location: '/x' }); res.end(); }],
    ['a 500', 'STS_POLICY_STATUS', (_q: unknown, res: import('node:http').ServerResponse) => { res.writeHead(500); res.end(); }],
    ['JSON', 'STS_POLICY_CONTENT_TYPE', policy('{}', 'application/json')],
    ['a malformed policy', 'STS_POLICY_SYNTAX', policy('version: STSv1\nmode: strict\nmx: a.test\nmax_age: 1\n')],
  ])('maps %s to %s', async (_what, code, route) => {
    fixture.setRoute(route as never);
    const result = await lookup('example.test');
    expect(result.problem?.code).toBe(code);
    expect(result.policy).toBeUndefined();
  });

  it('maps a slow server to STS_POLICY_TIMEOUT', async () => {
    fixture.setRoute(() => undefined);
    expect((await lookup('example.test', 300)).problem).toMatchObject({ code: 'STS_POLICY_TIMEOUT' });
  });

  it('maps an oversized policy to STS_POLICY_TOO_LARGE', async () => {
    fixture.setRoute(policy('x'.repeat(70_000)));
    expect((await lookup('example.test')).problem).toMatchObject({ code: 'STS_POLICY_TOO_LARGE' });
  });
});
