import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as api from '../../src/exchange-config';

describe('the exchange-config entry point', () => {
  it('exports what the CLI and the Slack bot call', () => {
    expect(typeof api.analyzeExchangeText).toBe('function');
    expect(typeof api.decodePastedBytes).toBe('function');
    expect(typeof api.asProbeReport).toBe('function');
    expect(typeof api.analysisJson).toBe('function');
    expect(api.READ_ONLY_CMDLETS.length).toBe(6);
    expect(api.NOTHING_RECOGNISED).toMatch(/^Nothing recognised: /);
  });

  it('documents every finding id in docs/exchange-analysis.md', () => {
    const doc = readFileSync(join(__dirname, '..', '..', 'docs', 'exchange-analysis.md'), 'utf8');
    const missing = api.EXCHANGE_FINDING_IDS.filter((id) => !doc.includes(`| \`${id}\` |`));
    expect(missing).toEqual([]);
  });
});
