/** Query keys of the signed-in user's own credentials (cleared with the rest at sign-out). */
export const accountKeys = {
  sessions: ['account', 'sessions'] as const,
  tokens: ['account', 'tokens'] as const,
};
