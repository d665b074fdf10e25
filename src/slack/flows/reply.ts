import type { RespondFn } from '@slack/bolt';
import { DomainCheckError } from '../../domain-check';
import { PolicyError } from '../../admission/policy-error';
import { isUserVisible, type StarttlsError } from '../../starttls-error';
import { prose, mrkdwn } from '../blocks/escape';
import { errorMessage } from '../blocks/help-blocks';
import { VERDICT_LABEL } from '../blocks/labels';
import { section } from '../blocks/limits';
import type { SlackMessage } from '../blocks/message';
import type { Logger } from '../logger';
import { SlackApiError } from '../slack-api';

/**
 * An ephemeral answer through the request's response_url. respond() throws on
 * a non-2xx answer (and a response_url takes at most 5 posts): log and carry on.
 */
export async function tellUser(respond: RespondFn, message: SlackMessage, logger: Logger): Promise<void> {
  try {
    await respond({ response_type: 'ephemeral', replace_original: false, text: message.text, blocks: message.blocks });
  } catch (err) {
    logger.warn('could not answer through response_url', { err });
  }
}

/** What to tell the person for an error: its own words when it is meant for them, nothing internal otherwise. */
export function reasonFor(err: unknown): string {
  return isUserVisible(err) ? err.userMessage : 'something went wrong on the bot\'s side; the details are in its logs';
}

/** Not the person's doing, though they are told about it: logged as a failure, like an internal error. */
const OUR_SIDE: ReadonlySet<string> = new Set(['POOL_BUSY', 'DESTINATION_BUSY', ...SlackApiError.codes]);

/** The person's request was refused (bad input, not allowed): routine, logged by code alone. */
function isRefusal(err: unknown): err is StarttlsError {
  return isUserVisible(err) && !OUR_SIDE.has(err.code);
}

/**
 * A name that does not resolve is an outcome, said in the verdict words of a report (CRITICAL for a
 * name that does not exist, as a probe's port-unreachable; UNKNOWN when the lookup itself failed),
 * never as a usage error.
 */
function dnsOutcome(err: unknown): SlackMessage | undefined {
  const unresolvable = err instanceof PolicyError && err.code === 'POLICY_UNRESOLVABLE';
  if (!unresolvable && !(err instanceof DomainCheckError)) return undefined;
  const message = (err as Error).message;
  const missing = err instanceof DomainCheckError ? err.code === 'DOMAIN_NOT_FOUND' : /ENOTFOUND|NXDOMAIN|ENODATA|no address/.test(message);
  const verdict = missing ? 'critical' : 'unknown';
  const why = missing ? `${message}: no mail can be delivered to it` : message;
  return { text: `${verdict.toUpperCase()}: ${mrkdwn(why)}`, blocks: [section(`${VERDICT_LABEL[verdict]} · ${prose(why)}`)] };
}

/** Tell the person why their request went nowhere; unexpected errors are logged in full. */
export async function reportFailure(respond: RespondFn, err: unknown, logger: Logger, context: Record<string, unknown>): Promise<void> {
  const dns = dnsOutcome(err);
  if (dns) {
    logger.info('request refused', { ...context, code: (err as PolicyError | DomainCheckError).code });
    return await tellUser(respond, dns, logger);
  }
  if (isRefusal(err)) logger.info('request refused', { ...context, code: err.code });
  else logger.error('request failed', { ...context, err });
  await tellUser(respond, errorMessage(reasonFor(err)), logger);
}
