import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { fetchTokens, revokeToken } from '../api/account-endpoints.ts';
import type { ApiToken, CreatedToken, User } from '../api/types.ts';
import { mayAdminister } from '../auth/roles.ts';
import { ConfirmAction } from '../ui/confirm-action.tsx';
import { QueryError } from '../ui/query-error.tsx';
import { TimeText } from '../ui/time-text.tsx';
import { accountKeys } from './account-keys.ts';
import { CreateTokenForm } from './create-token-form.tsx';
import { NewTokenSecret } from './new-token-secret.tsx';

/** API tokens for scripts: create one (its secret shown once), see when each was used, revoke. */
export function MyTokens({ user }: { user: User }) {
  const client = useQueryClient();
  const [created, setCreated] = useState<CreatedToken | null>(null);
  const tokens = useQuery({
    queryKey: accountKeys.tokens,
    queryFn: ({ signal }) => fetchTokens(signal),
  });
  const refresh = () => client.invalidateQueries({ queryKey: accountKeys.tokens });
  const revoke = useMutation({ mutationFn: revokeToken, onSettled: refresh });
  // An admin's list holds everyone's tokens; then the owner matters.
  const showOwner = mayAdminister(user.role);

  return (
    <section className="card" aria-labelledby="tokens-title">
      <h2 id="tokens-title">API tokens</h2>
      <p className="hint">
        For scripts and monitoring. A token can read and act with its role but cannot change
        passwords, sessions or tokens.
      </p>
      {created ? (
        <NewTokenSecret created={created} onDone={() => setCreated(null)} />
      ) : (
        <CreateTokenForm
          user={user}
          onCreated={(token) => {
            setCreated(token);
            void refresh();
          }}
        />
      )}
      <QueryError error={tokens.error} showsOldData={tokens.data !== undefined} />
      {revoke.isError && (
        <p className="result error" role="alert" data-testid="token-revoke-error">
          Could not revoke the token: {revoke.error.message}
        </p>
      )}
      {tokens.data && tokens.data.tokens.length === 0 && (
        <p className="muted" data-testid="no-tokens">
          No tokens yet.
        </p>
      )}
      {tokens.data && tokens.data.tokens.length > 0 && (
        <div className="table-scroll flat">
          <table className="data stacked" data-testid="tokens-table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Role</th>
                {showOwner && <th scope="col">Owner</th>}
                <th scope="col">Created</th>
                <th scope="col">Expires</th>
                <th scope="col">Last used</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {tokens.data.tokens.map((token) => (
                <TokenRow
                  key={token.id}
                  token={token}
                  showOwner={showOwner}
                  revoking={revoke.isPending && revoke.variables === token.id}
                  onRevoke={() => revoke.mutate(token.id)}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className="hint">Last use is recorded at most once a minute.</p>
    </section>
  );
}

interface TokenRowProps {
  token: ApiToken;
  showOwner: boolean;
  revoking: boolean;
  onRevoke: () => void;
}

function TokenRow({ token, showOwner, revoking, onRevoke }: TokenRowProps) {
  return (
    <tr data-testid="token-row" data-name={token.name}>
      <th scope="row" data-label="Name">
        {token.name}
      </th>
      <td data-label="Role">{token.role}</td>
      {showOwner && <td data-label="Owner">{token.owner}</td>}
      <td data-label="Created" className="nowrap">
        <TimeText iso={token.createdAt} />
      </td>
      <td data-label="Expires" className="nowrap">
        {token.expiresAt === null ? 'never' : <TimeText iso={token.expiresAt} />}
      </td>
      <td data-label="Last used" className="nowrap" data-testid="token-last-used">
        {token.lastUsedAt === null ? 'never' : <TimeText iso={token.lastUsedAt} />}
      </td>
      <td className="actions">
        <ConfirmAction
          label="Revoke"
          ariaLabel={`Revoke token ${token.name}`}
          question={`Revoke “${token.name}”? Scripts using it stop working at once.`}
          confirmLabel="Revoke token"
          pending={revoking}
          onConfirm={onRevoke}
        />
      </td>
    </tr>
  );
}
