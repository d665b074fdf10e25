import fc from 'fast-check';
import { diagnose } from '../../../src/diagnosis/diagnose';
import { parseCapabilities } from '../../../src/probe/reply-parser';
import type { PortProbeResult, SmtpReply } from '../../../src/probe/types';
import { buildReport, toPortReport } from '../../../src/report/build-report';
import { detailsMessages } from '../../../src/slack/blocks/details-blocks';
import { inlineCode, prose, verbatim } from '../../../src/slack/blocks/escape';
import type { SlackMessage } from '../../../src/slack/blocks/message';
import { remediationMessages } from '../../../src/slack/blocks/remediation-blocks';
import { reportMessage } from '../../../src/slack/blocks/report-blocks';
import { alertMessage } from '../../../src/slack/blocks/watch-alert-blocks';
import { reportProblems } from '../../../src/watch/problems';
import { certificate } from '../../fixtures/reports';
import { unsafeMarkup } from '../../helpers/block-kit-limits';
import { codeParts, messageTexts, outsideCode } from '../../helpers/mrkdwn-code';

/** Formatting, mentions and links a hostile server would like Slack to act on. */
const PAYLOADS = ['*Q7*', '_Q7_', '~Q7~', '<!channel>', '<@U999>', '<https://evil.example|Q7>', '`Q7`', '```Q7```', ':Q7:'];
const LEAK = /\*Q7\*|(?<![A-Za-z0-9])_Q7_(?![A-Za-z0-9])|~Q7~|<!channel|<@U999|<https?:|`Q7`/;

const serverText = fc
  .tuple(fc.string({ maxLength: 20 }), fc.constantFrom(...PAYLOADS), fc.string({ maxLength: 20 }), fc.constantFrom(...PAYLOADS))
  .map(([a, p, b, q]) => `${a}${p}${b}${q}`);

const reply = (code: number, lines: string[]): SmtpReply => ({ code, lines });

/** One port's probe as a hostile server would shape it: its banner, EHLO lines, STARTTLS answer. */
const probe = fc
  .record({
    banner: serverText,
    greetingCode: fc.constantFrom(220, 554, 421),
    ehloName: serverText,
    extra: fc.array(serverText, { maxLength: 3 }),
    advertise: fc.boolean(),
    starttlsCode: fc.constantFrom(220, 454, 502),
    starttlsText: serverText,
  })
  .map((s): PortProbeResult => {
    const greeting = reply(s.greetingCode, [s.banner]);
    const ehloReply = reply(250, [s.ehloName, 'SIZE 1000', ...s.extra, ...(s.advertise ? ['STARTTLS'] : [])]);
    const answered = s.greetingCode === 220;
    const tls = answered && s.advertise;
    return {
      host: 'mx.example.test',
      port: 25,
      mode: 'starttls',
      greeting,
      ...(answered ? { ehlo: { command: 'EHLO', reply: ehloReply, capabilities: parseCapabilities(ehloReply) } } : {}),
      starttls: {
        advertised: tls,
        attempted: tls,
        succeeded: tls && s.starttlsCode === 220,
        ...(tls ? { reply: reply(s.starttlsCode, [s.starttlsText]) } : {}),
        ...(tls && s.starttlsCode === 220 ? { protocol: 'TLSv1.3', cipher: 'TLS_AES_256_GCM_SHA384' } : {}),
      },
      timings: {},
      totalMs: 5,
      transcript: [{ at: 0, dir: 'server', text: `220 ${s.banner}` }],
    };
  });

const servedCertificate = fc
  .record({ subject: serverText, issuer: serverText, san: fc.array(serverText, { maxLength: 3 }), selfSigned: fc.boolean(), keyType: serverText })
  .map((c) => certificate({ subject: `CN=${c.subject}`, issuer: `O=${c.issuer}`, san: c.san, selfSigned: c.selfSigned, trusted: !c.selfSigned, nameMatch: false, keyType: c.keyType, keyBits: 1024 }));

function leaks(message: SlackMessage): string[] {
  return [...unsafeMarkup(message), ...messageTexts(message).map(outsideCode).filter((t) => LEAK.test(t))];
}

describe('what a hostile server sends never formats a Slack message (fast-check)', () => {
  it('verbatim is one code span that nothing inside can end; prose keeps no formatting pair', () => {
    fc.assert(
      fc.property(serverText, (text) => {
        const code = verbatim(text);
        expect(code).toMatch(/^`[^`\n]+`$|^_\(empty\)_$/);
        expect(code).not.toMatch(/[<>]/);
        expect(outsideCode(prose(text))).not.toMatch(LEAK);
        expect(inlineCode(text)).not.toMatch(/\n/);
      }),
      { numRuns: 500 },
    );
  });

  it('report, details, remediation and watch alert built by the real diagnosis leak nothing', () => {
    fc.assert(
      fc.property(probe, fc.option(servedCertificate, { nil: undefined }), (p, cert) => {
        const withCert = p.starttls.succeeded ? cert : undefined;
        const { platform, findings } = diagnose({ host: 'mx.example.test', ports: [{ probe: p, certificate: withCert }], options: { expiryWarningDays: 30 } });
        const report = buildReport({ host: 'mx.example.test', startedAt: new Date(0), durationMs: 5, platform, ports: [toPortReport(p, withCert)], findings });
        const incident = {
          id: 1, watchId: 1, host: report.host, servername: null, channel: 'C0OPS', status: 'open' as const, problems: reportProblems(report), changes: [`banner: ${p.greeting?.lines[0]}`],
          openedAt: 0, updatedAt: 0, acknowledgedBy: null, acknowledgedAt: null, resolvedAt: null, resolution: null, lastResultId: 1, announced: true, parentTs: null,
        };
        const messages = [
          reportMessage(report, { requestedBy: 'U123', trigger: 'command', actions: true }),
          ...detailsMessages(report, 'U123'),
          ...remediationMessages(report, 'U123'),
          alertMessage(incident, 1000),
        ];
        for (const m of messages) expect(leaks(m)).toEqual([]);
        // What the server said is still there to read, in code.
        const code = messageTexts(messages[1]).flatMap(codeParts).join('\n');
        expect(code).toContain('S: 220');
      }),
      { numRuns: 200 },
    );
  });
});
