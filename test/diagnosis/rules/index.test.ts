import { RULES, RULE_BY_ID } from '../../../src/diagnosis/rules';
import { FINDING_IDS } from '../../../src/diagnosis/types';
import { everyFindingInputs } from '../../fixtures/transcripts/every-finding';

describe('the rule registry', () => {
  const inputs = everyFindingInputs('mail.contoso.test');

  it('has one rule per finding id and no rule under an id FINDING_IDS does not list', () => {
    expect(Object.keys(RULE_BY_ID).sort()).toEqual([...FINDING_IDS].sort());
    expect(new Set(RULES).size).toBe(FINDING_IDS.length);
  });

  it.each([...FINDING_IDS])('%s: its rule raises it and nothing else', (id) => {
    const raised = inputs.flatMap((input) => RULE_BY_ID[id](input)).map((f) => f.id);
    expect(raised.length).toBeGreaterThan(0);
    expect(new Set(raised)).toEqual(new Set([id]));
  });

  it('runs the rules in the order of FINDING_IDS', () => {
    const firstIds = RULES.map((rule) => inputs.flatMap((input) => rule(input))[0]?.id);
    expect(firstIds).toEqual([...FINDING_IDS]);
  });
});
