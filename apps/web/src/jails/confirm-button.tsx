import { type KeyboardEvent, useEffect, useRef, useState } from 'react';

interface ConfirmButtonProps {
  /** The button's label, e.g. "Reload". */
  label: string;
  /** The question asked in place, e.g. "Reload jail sshd from its config files?" */
  question: string;
  /** The confirming button's label, e.g. "Yes, reload". */
  confirmLabel: string;
  disabled?: boolean;
  danger?: boolean;
  onConfirm: () => void;
}

/**
 * A button that asks first, in place: the question and its two buttons replace it, focus
 * moves to the confirming button, Escape or Cancel go back (focus returns to the button).
 * No modal, so there is no focus to trap; the page stays usable with a keyboard and a
 * screen reader, which hears the question through role="group" and its label.
 */
export function ConfirmButton(props: ConfirmButtonProps) {
  const { label, question, confirmLabel, disabled, danger, onConfirm } = props;
  const [asking, setAsking] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const triggerRef = useRef<HTMLButtonElement>(null);
  const returnFocus = useRef(false);

  useEffect(() => {
    if (asking) confirmRef.current?.focus();
    else if (returnFocus.current) {
      returnFocus.current = false;
      triggerRef.current?.focus();
    }
  }, [asking]);

  const cancel = () => {
    returnFocus.current = true;
    setAsking(false);
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.stopPropagation();
      cancel();
    }
  };

  if (!asking) {
    return (
      <button type="button" ref={triggerRef} disabled={disabled} onClick={() => setAsking(true)}>
        {label}
      </button>
    );
  }
  return (
    // biome-ignore lint/a11y/useSemanticElements: a fieldset would need a form; this is an inline question.
    <div className="confirm-step" role="group" aria-label={question} onKeyDown={onKeyDown}>
      <span>{question}</span>
      <button
        type="button"
        ref={confirmRef}
        className={danger ? 'danger' : 'primary'}
        onClick={() => {
          returnFocus.current = true;
          setAsking(false);
          onConfirm();
        }}
      >
        {confirmLabel}
      </button>
      <button type="button" onClick={cancel}>
        Cancel
      </button>
    </div>
  );
}
