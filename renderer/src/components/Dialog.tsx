import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * A modal on the native <dialog>: focus is trapped and Escape closes it for free, which a
 * hand-made overlay would have to redo.
 */
export function Dialog({
  title,
  onClose,
  children,
  wide = false,
}: {
  title: string;
  onClose: () => void;
  children: ReactNode;
  wide?: boolean;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);
  return (
    <dialog
      ref={ref}
      className={wide ? 'dialog wide' : 'dialog'}
      aria-label={title}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <h2>{title}</h2>
      {children}
    </dialog>
  );
}

/** The end of a dialog's form: what went wrong, then Cancel and the form's own action. */
export function FormFooter({
  error,
  onCancel,
  submitLabel,
  busy = false,
}: {
  error: string | null;
  onCancel: () => void;
  submitLabel: string;
  busy?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <div className="dialog-actions">
        <button type="button" className="ghost" onClick={onCancel}>
          {t('common.cancel')}
        </button>
        <button type="submit" disabled={busy} aria-busy={busy}>
          {submitLabel}
        </button>
      </div>
    </>
  );
}
