import type { Incident, OutboxMessage, Watch } from '../../../src/watch/watch-model';
import { ACTION } from '../../../src/slack/action-ids';
import { homeView } from '../../../src/slack/blocks/home-blocks';
import { alertMessage } from '../../../src/slack/blocks/watch-alert-blocks';
import { historyMessage } from '../../../src/slack/blocks/watch-history-blocks';
import { decodeMenuValue, watchListMessage } from '../../../src/slack/blocks/watch-list-blocks';
import { renderOutboxMessage } from '../../../src/slack/blocks/watch-outbox-blocks';
import type { OutboxPayload } from '../../../src/watch/outbox-payload';
import type { WatchSummary } from '../../../src/watch/watch-summary';
import { blockKitViolations, unsafeMarkup } from '../../helpers/block-kit-limits';
import { visibleText } from '../../helpers/slack-bot';

const HOSTILE = '<!channel> <https://evil.example|click here> ```break``` `tick` &amp; <@U999> *bold* \u202eevil\u0007\r\n<!here>';
const NOW = Date.parse('2026-05-01T12:00:00Z');
const facts = { allowedPorts: [25, 587], rateLimit: { checks: 5, perSeconds: 60 } };

function incident(overrides: Partial<Incident> = {}): Incident {
  return {
    id: 7,
    watchId: 1,
    host: 'mail.contoso.test',
    servername: null,
    channel: 'C0OPS',
    status: 'open',
    problems: [{ key: 'starttls-not-advertised@25', id: 'starttls-not-advertised', severity: 'critical', ports: [25], title: `Port 25 does not advertise STARTTLS ${HOSTILE}`, evidence: [`EHLO said ${HOSTILE}`] }],
    changes: ['STARTTLS no longer advertised on 25', `SIZE on 25: ${HOSTILE} → 1`],
    openedAt: NOW - 2 * 3_600_000 - 5 * 60_000,
    updatedAt: NOW,
    acknowledgedBy: null,
    acknowledgedAt: null,
    resolvedAt: null,
    resolution: null,
    lastResultId: 3,
    announced: true,
    parentTs: '1700000000.000100',
    ...overrides,
  };
}

function watch(i: number): Watch {
  return { id: i, host: `mx${i}.contoso.test`, ports: [25, 587], servername: null, expectNames: [], intervalMs: 900_000, channel: 'C0OPS', createdBy: 'U1', createdAt: 0, nextRunAt: 0, lastRunAt: NOW - 60_000, runningSince: null, mutedUntil: null };
}

function summaries(n: number): WatchSummary[] {
  return Array.from({ length: n }, (_, i): WatchSummary => ({
    watch: watch(i + 1),
    status: i < 3 ? 'incident' : i < 5 ? 'acknowledged' : 'ok',
    lastRun: { at: NOW - 60_000, verdict: i < 5 ? 'critical' : 'ok', resultId: i },
    certificateDaysLeft: 60 - i,
    muted: i === 1,
  }));
}

const buttons = (m: { blocks: unknown[] }) =>
  m.blocks.flatMap((b) => ((b as { type: string }).type === 'actions' ? (b as { elements: { action_id: string; value: string }[] }).elements : []));

describe('watch alert message', () => {
  it('shows the status, the escaped findings and diff, and the four buttons while open', () => {
    const m = alertMessage(incident(), NOW);
    expect(blockKitViolations(m)).toEqual([]);
    expect(unsafeMarkup(m)).toEqual([]);
    const text = visibleText(m.blocks as never);
    expect(text).toContain('*Open* since');
    expect(text).toContain('(2h 5m)');
    expect(text).toContain('What changed since the last good run');
    expect(buttons(m).map((b) => b.action_id)).toEqual([ACTION.watchAcknowledge, ACTION.watchRemediation, ACTION.watchRerun, ACTION.watchMute]);
    expect(buttons(m).every((b) => b.value === '7')).toBe(true);
  });

  it('says who acknowledged it, and drops the Acknowledge button', () => {
    const m = alertMessage(incident({ status: 'acknowledged', acknowledgedBy: 'U0ONCALL1', acknowledgedAt: NOW - 60_000 }), NOW);
    expect(visibleText(m.blocks as never)).toContain('*Acknowledged* by <@U0ONCALL1>');
    expect(buttons(m).map((b) => b.action_id)).not.toContain(ACTION.watchAcknowledge);
  });

  it('once resolved says so and how long it lasted, without buttons', () => {
    const m = alertMessage(incident({ status: 'resolved', resolution: 'clean', resolvedAt: NOW }), NOW);
    const text = visibleText(m.blocks as never);
    expect(text).toContain('*Resolved* automatically');
    expect(text).toContain('lasted 2h 5m');
    expect(buttons(m)).toEqual([]);
    expect(unsafeMarkup(m)).toEqual([]);
  });

  it("names the watch's --servername beside the host: header, footer and notification text, escaped", () => {
    const m = alertMessage(incident({ host: '192.0.2.25', servername: 'mail.contoso.test' }), NOW);
    const text = visibleText(m.blocks as never);
    expect(text).toContain('🚨 STARTTLS alert · 192.0.2.25 as mail.contoso.test');
    expect(text).toContain('Watch of `192.0.2.25` as `mail.contoso.test` · incident #7');
    expect(m.text).toMatch(/^STARTTLS alert: 192\.0\.2\.25 as mail\.contoso\.test: /);
    expect(visibleText(alertMessage(incident(), NOW).blocks as never)).toContain('🚨 STARTTLS alert · mail.contoso.test\n');
    // A servername is a validated DNS name, like the host; were it not, the mrkdwn parts would still escape it.
    // (The header is plain_text, where Slack parses no mentions or links: it is left out of this check.)
    const hostile = alertMessage(incident({ servername: HOSTILE }), NOW);
    expect(unsafeMarkup({ text: hostile.text, blocks: hostile.blocks.filter((b) => (b as { type: string }).type !== 'header') })).toEqual([]);
    expect(blockKitViolations(hostile)).toEqual([]);
  });

  it('stays within limits with many long problems and changes', () => {
    const many = Array.from({ length: 40 }, (_, i) => ({ ...incident().problems[0], key: `k${i}`, title: HOSTILE.repeat(30), evidence: [HOSTILE.repeat(30), HOSTILE.repeat(30)] }));
    const m = alertMessage(incident({ problems: many, changes: Array.from({ length: 200 }, () => HOSTILE.repeat(10)) }), NOW);
    expect(blockKitViolations(m)).toEqual([]);
    expect(unsafeMarkup(m)).toEqual([]);
  });
});

describe('renderOutboxMessage', () => {
  const msg = (payload: OutboxPayload, op: OutboxMessage['op'] = 'reply'): OutboxMessage => ({
    id: 1, incidentId: 7, channel: 'C0OPS', op, payload, status: 'pending', createdAt: 0, attempts: 0, nextAttemptAt: 0, inFlightSince: null, sentAt: null, ts: null, lastError: null, claimedUntil: null,
  });
  const notice = { kind: 'capabilities-changed' as const, port: 25, changes: [`${HOSTILE} now advertised on 25`] };
  const payloads: OutboxPayload[] = [
    { kind: 'alert', resultId: 1, unreachableRuns: 3 },
    { kind: 'status' },
    { kind: 'incident-changed', problems: incident().problems, changes: [HOSTILE], notices: [notice], resultId: 1, unreachableRuns: 0 },
    { kind: 'incident-resolved', changes: [HOSTILE], notices: [], durationMs: 65 * 60_000, resultId: 1 },
    { kind: 'incident-acknowledged', userId: 'U0ONCALL1' },
    { kind: 'incident-closed', userId: 'U0ONCALL1', reason: 'unwatched' },
    { kind: 'watch-muted', userId: 'U0ONCALL1', until: NOW + 3_600_000 },
    { kind: 'notices', host: 'mail.contoso.test', notices: [notice], resultId: 1 },
  ];

  it.each(payloads.map((p) => [p.kind, p] as const))('renders %s safely within limits', (_kind, payload) => {
    const m = renderOutboxMessage(msg(payload), incident(), NOW);
    expect(m.text.length).toBeGreaterThan(0);
    expect(blockKitViolations(m)).toEqual([]);
    expect(unsafeMarkup(m)).toEqual([]);
  });

  it('refuses an incident message without its incident', () => {
    expect(() => renderOutboxMessage(msg({ kind: 'status' }), undefined, NOW)).toThrow(/no incident/);
  });
});

describe('watch lists', () => {
  it('keeps the App Home view within Block Kit limits with 200 watches, worst first, naming the rest', () => {
    const view = homeView(facts, summaries(200));
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    expect(blockKitViolations({ blocks: view.blocks }, 'view')).toEqual([]);
    const text = visibleText(view.blocks as never);
    expect(text).toContain('200 watches · 🔴 3 open · 👀 2 acknowledged');
    expect(text.indexOf('mx1.contoso.test')).toBeLessThan(text.indexOf('mx6.contoso.test'));
    const shown = view.blocks.filter((b) => 'accessory' in b).length;
    expect(text).toContain(`…and ${200 - shown} more (all OK): mx${shown + 1}.contoso.test, `);
    const menus = view.blocks.flatMap((b) => ((b as { accessory?: { action_id: string; options: { value: string }[] } }).accessory ? [(b as { accessory: { action_id: string; options: { value: string }[] } }).accessory] : []));
    expect(menus.length).toBeGreaterThan(80);
    expect(menus[0]).toMatchObject({ action_id: ACTION.watchMenu });
    expect(menus[0].options.map((o) => decodeMenuValue(o.value))).toEqual([{ action: 'rerun', watchId: 1 }, { action: 'unwatch', watchId: 1 }]);
  });

  it('fits the ephemeral list in one message, and shows every watch when there are few', () => {
    const big = watchListMessage(summaries(200));
    expect(blockKitViolations(big)).toEqual([]);
    expect(visibleText(big.blocks as never)).toMatch(/…and \d+ more \(all OK\)/);
    const small = watchListMessage(summaries(4));
    expect(small.blocks).toHaveLength(2 + 4);
    expect(visibleText(small.blocks as never)).toContain('🔕 muted');
    expect(visibleText(watchListMessage([]).blocks as never)).toContain('No watches yet');
  });

  it('names a watch\'s --servername beside its host, in the list and on the Home tab, escaped', () => {
    const named: WatchSummary = { ...summaries(1)[0], watch: { ...watch(1), host: '192.0.2.25', servername: 'mail.contoso.test' } };
    expect(visibleText(watchListMessage([named]).blocks as never)).toContain('*`192.0.2.25`* as `mail.contoso.test` ports 25, 587 · every 15m');
    expect(visibleText(homeView(facts, [named]).blocks as never)).toContain('*`192.0.2.25`* as `mail.contoso.test` ports 25, 587');
    expect(visibleText(watchListMessage(summaries(1)).blocks as never)).toContain('*`mx1.contoso.test`* ports 25, 587');
    const hostile = watchListMessage([{ ...named, watch: { ...named.watch, servername: HOSTILE } }]);
    expect(unsafeMarkup(hostile)).toEqual([]);
    expect(blockKitViolations(hostile)).toEqual([]);
  });

  it('shows history newest first with what changed, escaped and within limits', () => {
    const runs = Array.from({ length: 30 }, (_, i) => ({ resultId: i, startedAt: NOW - i * 60_000, verdict: 'critical' as const, changes: Array.from({ length: 10 }, () => HOSTILE.repeat(5)) }));
    const m = historyMessage('mail.contoso.test', runs, [incident(), incident({ id: 6, status: 'resolved', resolvedAt: NOW - 1000 })], NOW);
    expect(blockKitViolations(m)).toEqual([]);
    expect(unsafeMarkup(m)).toEqual([]);
    expect(visibleText(m.blocks as never)).toContain('#6 opened');
  });

  it('names the servername of each run and incident that had one', () => {
    const runs = [
      { resultId: 2, startedAt: NOW, verdict: 'ok' as const, servername: 'mail.contoso.test', changes: [] },
      { resultId: 1, startedAt: NOW - 60_000, verdict: 'ok' as const, changes: [] },
    ];
    const m = historyMessage('192.0.2.25', runs, [incident({ host: '192.0.2.25', servername: 'mail.contoso.test' })], NOW);
    const text = visibleText(m.blocks as never);
    expect(text).toContain('#7 as `mail.contoso.test` opened');
    const runLines = text.split('\n').filter((l) => l.includes('✅ OK'));
    expect(runLines).toHaveLength(2);
    expect(runLines[0]).toContain(' as `mail.contoso.test` · ✅ OK');
    expect(runLines[1]).not.toContain(' as ');
    expect(unsafeMarkup(historyMessage('192.0.2.25', [{ ...runs[0], servername: HOSTILE }], [incident({ servername: HOSTILE })], NOW))).toEqual([]);
  });
});
