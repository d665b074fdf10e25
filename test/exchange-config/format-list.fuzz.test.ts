import fc from 'fast-check';
import { analyzeExchangeText } from '../../src/exchange-config/analyze';
import { FORMAT_LIST_LIMITS, parseFormatList, propertyMap } from '../../src/exchange-config/format-list';
import { EXCHANGE_FINDING_IDS } from '../../src/exchange-config/types';
import { exchangeAnalysisMessages } from '../../src/slack/blocks/exchange-analysis-blocks';
import { unsafeMarkup } from '../helpers/block-kit-limits';
import { messageTexts, outsideCode } from '../helpers/mrkdwn-code';
import { certificate, fl, frontend, relay } from './helpers/format-list';

const NAME = /^[A-Za-z][A-Za-z0-9_]{0,79}$/;
const propertyName = fc.stringMatching(/^[A-Za-z][A-Za-z0-9_]{0,20}$/);
// One-line values without backticks (a trailing ``` is a chat fence the parser drops on purpose).
const lineValue = fc.string({ maxLength: 60 }).filter((v) => !/[\r\n`]/.test(v));
const objects = fc.array(fc.uniqueArray(fc.tuple(propertyName, lineValue), { minLength: 1, maxLength: 8, selector: ([n]) => n.toLowerCase() }), { minLength: 1, maxLength: 5 });

const hostile = fc.oneof(
  fc.string({ maxLength: 80 }),
  fc.constantFrom('*bold* <!channel>', '<@U999> `x`', '{a, b, c, d...}', '{0.0.0.0:25', '<I>CN=a<S>', '40.92.0.0/15', '[::]:25', '0.0.0.0-255.255.255.255', '', 'Tls'),
);
const PROPERTIES = ['Identity', 'Bindings', 'RemoteIPRanges', 'AuthMechanism', 'TlsCertificateName', 'Fqdn', 'MaxMessageSize', 'RequireTLS', 'Thumbprint', 'Services', 'CertificateDomains', 'Subject', 'Issuer', 'NotAfter'];
const damagedObject = fc.tuple(fc.constantFrom(frontend(), relay(), certificate()), fc.dictionary(fc.constantFrom(...PROPERTIES), hostile)).map(([base, overrides]) => ({ ...base, ...overrides }));

describe('Format-List parsing against arbitrary input (fast-check)', () => {
  it('reads any text into bounded blocks of well-formed names, never throwing', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 400 }), fc.string({ unit: 'binary', maxLength: 400 }), objects.map((o) => fl(...o.map((p) => Object.fromEntries(p))))), (text) => {
        const { blocks, notes } = parseFormatList(text);
        expect(blocks.length).toBeLessThanOrEqual(FORMAT_LIST_LIMITS.maxBlocks);
        for (const b of blocks) {
          for (const p of b.properties) {
            expect(p.name).toMatch(NAME);
            expect(p.value.length).toBeLessThanOrEqual(FORMAT_LIST_LIMITS.maxValueChars);
          }
        }
        expect(Array.isArray(notes)).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it('gives back every property of objects printed the way Format-List prints them', () => {
    fc.assert(
      fc.property(objects, (list) => {
        const { blocks } = parseFormatList(fl(...list.map((p) => Object.fromEntries(p))));
        expect(blocks.map((b) => [...propertyMap(b)])).toEqual(list.map((props) => props.map(([n, v]) => [n.toLowerCase(), v.trim()])));
      }),
      { numRuns: 300 },
    );
  });

  it('analyses damaged connector and certificate pastes without throwing, and what reaches Slack is escaped', () => {
    fc.assert(
      fc.property(fc.array(damagedObject, { minLength: 1, maxLength: 3 }), (list) => {
        const analysis = analyzeExchangeText(fl(...list), undefined, { now: new Date('2025-06-01T00:00:00Z') });
        for (const f of analysis.findings) expect(EXCHANGE_FINDING_IDS).toContain(f.id);
        for (const message of exchangeAnalysisMessages(analysis, 'U123')) {
          expect(unsafeMarkup(message)).toEqual([]);
          const outside = messageTexts(message).map(outsideCode).join('\n');
          expect(outside).not.toMatch(/<[!#]|<@(?!U123>)|<https?:|\*bold\*/);
        }
      }),
      { numRuns: 150 },
    );
  });
});
