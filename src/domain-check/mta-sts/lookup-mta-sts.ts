import type { DomainResolver } from '../../net/dns/domain-resolver';
import { FetchError, type FetchErrorCode } from '../../net/http/fetch-error';
import type { MtaStsProblemCode, MtaStsResult } from '../types';
import { fetchStsPolicy, policyUrl, type PolicyFetchOptions } from './fetch-policy';
import { parseStsPolicy } from './sts-policy';
import { readVersionedTxt, type VersionedTxtProblem } from '../versioned-txt';
import { STS_RECORD } from './sts-record';

const FETCH_PROBLEMS: Record<FetchErrorCode, MtaStsProblemCode> = {
  FETCH_BAD_URL: 'STS_POLICY_FETCH_FAILED',
  FETCH_FAILED: 'STS_POLICY_FETCH_FAILED',
  FETCH_REDIRECT: 'STS_POLICY_REDIRECT',
  FETCH_STATUS: 'STS_POLICY_STATUS',
  FETCH_CONTENT_TYPE: 'STS_POLICY_CONTENT_TYPE',
  FETCH_TOO_LARGE: 'STS_POLICY_TOO_LARGE',
  FETCH_TIMEOUT: 'STS_POLICY_TIMEOUT',
};

const TXT_PROBLEMS: Record<VersionedTxtProblem['kind'], MtaStsProblemCode> = {
  lookup: 'STS_RECORD_LOOKUP_FAILED',
  multiple: 'STS_RECORD_MULTIPLE',
  syntax: 'STS_RECORD_SYNTAX',
};

/**
 * Discover the domain's MTA-STS policy as a sender would (RFC 8461 section 3):
 * the `_mta-sts` TXT record, then the policy over HTTPS. Never rejects: what
 * went wrong is in `problem`. `coverage` is left empty for the evaluation.
 */
export async function lookupMtaSts(
  domain: string,
  resolver: DomainResolver,
  fetchOptions: PolicyFetchOptions,
): Promise<MtaStsResult> {
  const result: MtaStsResult = {
    recordName: `_mta-sts.${domain}`,
    recordTexts: [],
    policyUrl: policyUrl(domain, fetchOptions.port),
    coverage: [],
  };
  const txt = await readVersionedTxt(resolver, result.recordName, STS_RECORD);
  result.recordTexts = txt.recordTexts;
  if (txt.problem) return { ...result, problem: { code: TXT_PROBLEMS[txt.problem.kind], message: txt.problem.message } };
  if (!txt.record) return result;
  result.record = txt.record;

  try {
    result.policyText = await fetchStsPolicy(domain, fetchOptions);
  } catch (err) {
    if (!(err instanceof FetchError)) throw err;
    return { ...result, problem: { code: FETCH_PROBLEMS[err.code], message: err.message } };
  }
  const policy = parseStsPolicy(result.policyText);
  if (!policy.ok) return { ...result, problem: { code: 'STS_POLICY_SYNTAX', message: `${result.policyUrl}: ${policy.reason}` } };
  result.policy = policy.value;
  return result;
}
