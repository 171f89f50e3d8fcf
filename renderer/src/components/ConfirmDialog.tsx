import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from './Dialog';

/** Asks before something that cannot be undone; the safe button has the focus. */
export function ConfirmDialog({
  title,
  body,
  confirm,
  onConfirm,
  onClose,
}: {
  title: string;
  body: string;
  confirm: string;
  onConfirm: () => Promise<void>;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  return (
    <Dialog title={title} onClose={onClose}>
      <p>{body}</p>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <div className="dialog-actions">
        <button type="button" className="ghost" autoFocus onClick={onClose}>
          {t('common.cancel')}
        </button>
        <button
          type="button"
          className="danger"
          onClick={() =>
            onConfirm().catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)))
          }
        >
          {confirm}
        </button>
      </div>
    </Dialog>
  );
}
