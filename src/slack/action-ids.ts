/** The action_id of each report button; listeners register on the same constants. */
export const ACTION = {
  rerun: 'starttls_rerun',
  remediation: 'starttls_remediation',
  details: 'starttls_details',
} as const;

export type ActionId = (typeof ACTION)[keyof typeof ACTION];
