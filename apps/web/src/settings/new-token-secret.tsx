import { useState } from 'react';
import type { CreatedToken } from '../api/types.ts';

type CopyState = 'idle' | 'copied' | 'failed';

/**
 * The freshly created token's secret, shown this once: the server keeps only its hash.
 * It lives in this component's state, never in the query cache, and is gone on "Done".
 */
export function NewTokenSecret({ created, onDone }: { created: CreatedToken; onDone: () => void }) {
  const [copy, setCopy] = useState<CopyState>('idle');
  const copyToken = async () => {
    try {
      await navigator.clipboard.writeText(created.token);
      setCopy('copied');
    } catch {
      // No clipboard access (an http page that is not localhost, or a denied permission).
      setCopy('failed');
    }
  };
  return (
    <section className="secret" aria-labelledby="secret-title" data-testid="new-token">
      <p id="secret-title" className="secret-title">
        Token “{created.name}” created ({created.role})
      </p>
      <p className="result warn" data-testid="secret-warning">
        Copy it now: you will not see it again. BanGUI keeps only a hash of it; if it is lost,
        revoke it and create another.
      </p>
      <label htmlFor="secret-value">Token</label>
      <input
        id="secret-value"
        readOnly
        value={created.token}
        spellCheck={false}
        onFocus={(event) => event.target.select()}
        data-testid="token-secret"
      />
      <p className="form-actions">
        <button type="button" className="primary" onClick={copyToken}>
          Copy token
        </button>
        <button type="button" onClick={onDone}>
          Done, I have stored it
        </button>
        <span role="status" className="copy-status">
          {copy === 'copied' && 'Copied to the clipboard.'}
          {copy === 'failed' && 'Could not copy here; select the token and copy it by hand.'}
        </span>
      </p>
      <p className="hint">
        Send it as <code>Authorization: Bearer …</code>. It acts as a {created.role}, never above
        your own role.
      </p>
    </section>
  );
}
