import { prose } from './escape';
import { context, section } from './limits';
import type { SlackMessage } from './message';

export const USAGE =
  '`/starttls &lt;host&gt; [port ...] [--servername NAME]` (also `host:port`, `[ipv6]:port`, `smtp://host:port`, `smtps://host:port` for implicit TLS; ports separated by spaces or commas; default 25 587) or `/starttls help`';

export interface HelpFacts {
  allowedPorts: number[];
  rateLimit: { checks: number; perSeconds: number };
}

export function helpMessage(facts: HelpFacts): SlackMessage {
  return {
    text: `Usage: ${USAGE}`,
    blocks: [
      section(`*starttls-bot* checks a mail server's STARTTLS on each port: what each port advertises, whether TLS works, what is wrong with the certificate, and how to fix it.\nUsage: ${USAGE}`),
      section('Example: `/starttls mail.contoso.com 25 587` compares ports 25 and 587 side by side. The report gets *Re-run*, *Show remediation* and *Details* buttons; their answers go to the report\'s thread.'),
      section('*Probing by address*: `/starttls 192.0.2.25 25 --servername mail.contoso.com` sends `mail.contoso.com` as SNI and checks that the certificate covers it, as senders do when they connect to that name (a node behind a load balancer, an on-premises server\'s public IP). Without `--servername` an address gets no name verdict: the report lists the names the certificate covers.'),
      section('*Mail domains*: `/starttls mx &lt;domain&gt; [port]` checks every MX host (port 25 by default), compares them, and judges MTA-STS, TLS-RPT and DANE. *Exchange*: `/starttls analyze` lists read-only cmdlets; paste their output in a report\'s thread and the bot explains what in the configuration causes the report.'),
      section('*Watches*: `/starttls watch &lt;host&gt; [port ...] [every 15m] [servername NAME] [expect-name NAME]` checks a host on a schedule and raises an alert when something changes; the alert\'s thread is the incident. `/starttls watches` lists them, `/starttls history &lt;host&gt;` shows recent runs, `/starttls unwatch &lt;host&gt;` stops.'),
      context([`Allowed ports: ${facts.allowedPorts.join(', ')} · at most ${facts.rateLimit.checks} checks per ${facts.rateLimit.perSeconds} s per person`]),
    ],
  };
}

/** The ephemeral answer to bad input or a refused target: the reason, then the usage line. */
export function errorMessage(reason: string): SlackMessage {
  return {
    text: `Sorry: ${prose(reason)}`,
    blocks: [section(`⚠️ ${prose(reason)}`), context([`Usage: ${USAGE}`])],
  };
}
