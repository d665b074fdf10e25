/** The action_id of each report button; listeners register on the same constants. */
export const ACTION = {
  rerun: 'starttls_rerun',
  remediation: 'starttls_remediation',
  details: 'starttls_details',
  /** "Show remediation" on a `/starttls mx` domain report; its value is the domain and port. */
  domainRemediation: 'starttls_domain_remediation',
  /** Buttons on a watch alert; their value is the incident id. */
  watchAcknowledge: 'starttls_watch_ack',
  watchRemediation: 'starttls_watch_remediation',
  watchRerun: 'starttls_watch_rerun',
  watchMute: 'starttls_watch_mute',
  /** The overflow menu of a watch in a list (App Home, /starttls watches); option values say what and which watch. */
  watchMenu: 'starttls_watch_menu',
} as const;

export type ActionId = (typeof ACTION)[keyof typeof ACTION];
