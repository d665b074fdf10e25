/**
 * Exchange Online's (EOP's) outbound mail ranges: the addresses hybrid mail from Exchange Online
 * arrives from on the on-premises port 25.
 *
 * Source: Microsoft 365 "Exchange Online URLs and IP address ranges", worldwide instance, endpoint
 * set ID 2 (Exchange Online Protection, TCP 25), published by the endpoints web service
 * https://endpoints.office.com/endpoints/worldwide?clientrequestid=<GUID>&ServiceAreas=Exchange
 * (the entry with "id": 2) and on https://learn.microsoft.com/microsoft-365/enterprise/urls-and-ip-address-ranges.
 *
 * These values were written down without network access from the list as published (the version
 * carrying 52.102.0.0/16 and 52.103.0.0/17 beside 52.100.0.0/15); `reproducedOn` is the day they
 * were written, not a download date. The list changes: it must be refreshed from the published
 * list (docs/exchange-analysis.md, "Exchange Online's outbound ranges", says how), and
 * `reproducedOn` and `listVersion` updated with it.
 */
export const EXCHANGE_ONLINE_OUTBOUND = {
  source: 'https://endpoints.office.com/endpoints/worldwide (ServiceAreas=Exchange, endpoint set id 2: Exchange Online Protection, TCP 25)',
  listVersion: 'unknown: reproduced without network access, refresh to record the service version',
  reproducedOn: '2026-12-06',
  ipv4: ['40.92.0.0/15', '40.107.0.0/16', '52.100.0.0/15', '52.102.0.0/16', '52.103.0.0/17', '104.47.0.0/17'],
  ipv6: ['2a01:111:f400::/48', '2a01:111:f403::/48'],
} as const;
