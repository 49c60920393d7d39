import { useState } from 'react';

interface ConfirmActionProps {
  /** the button's text before confirming, e.g. "Disable" */
  label: string;
  /** its accessible name when the label alone is ambiguous in a list ("Disable bob") */
  ariaLabel?: string;
  /** what will happen, asked before it does */
  question: string;
  /** the confirming button's text, e.g. "Disable bob" */
  confirmLabel: string;
  pending: boolean;
  disabled?: boolean;
  onConfirm: () => void;
}

/**
 * A button that asks first, in place: the question and Confirm/Cancel replace it until
 * answered. In the page rather than window.confirm, so it can say exactly what happens and
 * stays next to the row it is about.
 */
export function ConfirmAction(props: ConfirmActionProps) {
  const { label, ariaLabel, question, confirmLabel, pending, disabled, onConfirm } = props;
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <button
        type="button"
        aria-label={ariaLabel}
        disabled={disabled || pending}
        onClick={() => setAsking(true)}
      >
        {pending ? 'Working…' : label}
      </button>
    );
  }
  return (
    <span className="confirm">
      <span className="confirm-question">{question}</span>
      <button
        type="button"
        className="primary"
        onClick={() => {
          setAsking(false);
          onConfirm();
        }}
      >
        {confirmLabel}
      </button>
      <button type="button" onClick={() => setAsking(false)}>
        Cancel
      </button>
    </span>
  );
}
