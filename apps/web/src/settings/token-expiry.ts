/** The lifetimes offered for a new API token; a short one is the safer default. */
export const tokenExpiryChoices: readonly { days: number | undefined; label: string }[] = [
  { days: 7, label: '7 days' },
  { days: 30, label: '30 days' },
  { days: 90, label: '90 days' },
  { days: 365, label: '1 year' },
  { days: undefined, label: 'Never' },
];

export const defaultTokenExpiryDays = 30;
