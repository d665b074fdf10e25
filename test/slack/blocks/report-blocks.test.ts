import { reportMessage } from '../../../src/slack/blocks/report-blocks';
import { ACTION } from '../../../src/slack/action-ids';
import { decodeButtonValue } from '../../../src/slack/button-value';
import { blockKitViolations, unsafeMarkup } from '../../helpers/block-kit-limits';
import { foundingCase, hostileCase, hugeCase } from '../../fixtures/reports';

const view = { requestedBy: 'U123', trigger: 'command' as const, actions: true };
const json = (v: unknown) => JSON.stringify(v);
const allTexts = (blocks: unknown[]) => blocks.map((b) => (b as { text?: { text: string } }).text?.text ?? '');

describe('reportMessage', () => {
  it('shows the verdict, both ports side by side, the STARTTLS and SIZE differences and the certificate', () => {
    const message = reportMessage(foundingCase(), view);
    const [header] = message.blocks as { type: string; text: { text: string } }[];
    expect(header.type).toBe('header');
    expect(header.text.text).toContain('CRITICAL');
    expect(header.text.text).toContain('mail.contoso.com');
    const text = json(message.blocks);
    const table = allTexts(message.blocks).find((t) => t.includes('```')) ?? '';
    expect(table).toContain('Capabilities by port');
    expect(table).toMatch(/port\s+25\s+587/);
    expect(table).toMatch(/≠ SIZE\s+62423040\s+20971520/);
    expect(table).toMatch(/≠ STARTTLS\s+–\s+✓/);
    expect(table).toMatch(/\n {2}PIPELINING\s+✓\s+✓/);
    expect(text).toContain('❌ STARTTLS not advertised');
    expect(text).toContain('✅ STARTTLS → TLSv1.3');
    expect(text).toContain('Subject: `CN=*.contoso.com, O=Contoso Ltd`');
    expect(text).toContain('120 days left');
    expect(text).toContain('✅ trusted');
    expect(message.text).toBe('CRITICAL mail.contoso.com: 2 findings');
  });

  it('lists findings by severity, critical first', () => {
    const text = json(reportMessage(foundingCase(), view).blocks);
    expect(text.indexOf('Port 25 does not advertise STARTTLS')).toBeLessThan(text.indexOf('advertise different capabilities'));
  });

  it('ends with the three buttons carrying the request and a context line naming who asked', () => {
    const blocks = reportMessage(foundingCase(), view).blocks as { type: string; elements: { action_id: string; value: string; text: string }[] }[];
    const actions = blocks.find((b) => b.type === 'actions');
    expect(actions?.elements.map((e) => e.action_id)).toEqual([ACTION.rerun, ACTION.remediation, ACTION.details]);
    expect(decodeButtonValue(actions!.elements[0].value)).toEqual({ host: 'mail.contoso.com', ports: [25, 587] });
    const context = json(blocks[blocks.length - 1]);
    expect(context).toContain('Requested by <@U123>');
    expect(context).toContain('took 1.2 s');
    expect(context).toContain('<!date^1756720800^');
  });

  it('has no buttons when asked for none (CLI)', () => {
    const message = reportMessage(foundingCase(), { trigger: 'cli', actions: false });
    expect(message.blocks.some((b) => b.type === 'actions')).toBe(false);
    expect(json(message.blocks)).toContain('From the starttls CLI');
  });

  it('says so when nothing is wrong', () => {
    const r = { ...foundingCase(), verdict: 'ok' as const, findings: [] };
    expect(json(reportMessage(r, view).blocks)).toContain('No problems found');
  });

  it.each([
    ['founding case', foundingCase()],
    ['hostile server', hostileCase()],
    ['huge report', hugeCase()],
  ])('%s: stays within every Block Kit limit and lets no server markup through', (_name, report) => {
    const message = reportMessage(report, view);
    expect(blockKitViolations(message)).toEqual([]);
    expect(unsafeMarkup(message)).toEqual([]);
  });

  it('keeps the buttons and says what it left out when the report is too big', () => {
    const message = reportMessage(hugeCase(), view);
    const text = json(message.blocks);
    expect(text).toContain('left out to fit');
    expect(message.blocks.some((b) => b.type === 'actions')).toBe(true);
    // Critical findings outrank detail when space runs out.
    expect(text).toContain('Finding 0 ');
  });
});
