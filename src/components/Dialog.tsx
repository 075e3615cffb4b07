import { useEffect, useId, useRef, type ReactNode } from 'react';

type Props = {
  title: string;
  /** `alertdialog` for messages that need an answer, such as a refused import. */
  role?: 'dialog' | 'alertdialog';
  onClose: () => void;
  children: ReactNode;
  className?: string;
  /** The element to focus first; defaults to the first field or button. */
  initialFocus?: string;
};

/**
 * A modal dialog on the native <dialog> element: the browser traps focus,
 * Escape closes it, and its accessible name is its title.
 */
export function Dialog({ title, role = 'dialog', onClose, children, className, initialFocus }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const onCloseRef = useRef(onClose);
  useEffect(() => {
    onCloseRef.current = onClose;
  });
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (!dialog.open) dialog.showModal();
    const target = initialFocus ? dialog.querySelector<HTMLElement>(initialFocus) : null;
    (target ?? dialog.querySelector<HTMLElement>('input:not([type=hidden]),select,textarea,button'))?.focus();
    const onCancel = (e: Event) => {
      e.preventDefault();
      onCloseRef.current();
    };
    dialog.addEventListener('cancel', onCancel);
    return () => {
      dialog.removeEventListener('cancel', onCancel);
      if (dialog.open) dialog.close();
    };
  }, [initialFocus]);
  return (
    <dialog ref={ref} role={role} aria-labelledby={titleId} className={`dialog ${className ?? ''}`}>
      <h2 id={titleId} className="dialog-title">
        {title}
      </h2>
      {children}
    </dialog>
  );
}

/** The row under a dialog that only informs: one `Close` button. */
export function CloseRow({ onClose }: { onClose: () => void }) {
  return (
    <div className="dialog-actions">
      <button type="button" onClick={onClose}>
        Close
      </button>
    </div>
  );
}
