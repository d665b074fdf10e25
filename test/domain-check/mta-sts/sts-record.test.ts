import { parseStsRecord, stsCandidates } from '../../../src/domain-check/mta-sts/sts-record';

describe('parseStsRecord (RFC 8461 section 3.1)', () => {
  it('reads the id and keeps extensions', () => {
    expect(parseStsRecord('v=STSv1; id=20260101T000000')).toEqual({ ok: true, value: { id: '20260101T000000', extensions: [] } });
    expect(parseStsRecord('v=STSv1;id=abc123;  ext-1=x.y ;')).toEqual({ ok: true, value: { id: 'abc123', extensions: [{ name: 'ext-1', value: 'x.y' }] } });
  });

  it.each([
    ['v=STSv2; id=1', 'the record must start with "v=STSv1"'],
    [' v=STSv1; id=1', 'the record must start with "v=STSv1"'],
    ['v=STSv1', 'the id field is missing'],
    ['v=STSv1;', 'the id field is missing'],
    ['v=STSv1; id=', 'id must be 1 to 32 letters and digits, not ""'],
    ['v=STSv1; id=has-dash', 'id must be 1 to 32 letters and digits, not "has-dash"'],
    [`v=STSv1; id=${'a'.repeat(33)}`, `id must be 1 to 32 letters and digits, not "${'a'.repeat(33)}"`],
    ['v=STSv1; id=1; id=2', 'id appears more than once'],
    ['v=STSv1; id=1; v=STSv1', 'v appears more than once'],
    ['v=STSv1; id=1;; x=1', '"" is not a name=value field'],
    ['v=STSv1; id=1; junk', '"junk" is not a name=value field'],
    ['v=STSv1; id=1; ext=a b', '"ext=a b" is not a valid extension field'],
  ])('rejects %j: %s', (text, reason) => {
    expect(parseStsRecord(text)).toEqual({ ok: false, reason });
  });

  it('discards TXT records that do not begin with v=STSv1 before counting', () => {
    expect(stsCandidates(['v=spf1 -all', 'v=STSv1; id=1', 'V=STSv1; id=2'])).toEqual(['v=STSv1; id=1']);
  });
});
