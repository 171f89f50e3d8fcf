import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { messageOf } from '../store/customers';
import { useMerges } from '../store/merges';
import { useRoute } from '../store/route';

/**
 * Beside a customer just merged: "Merged with …" and Undo, which splits the other record's
 * contacts out again. Beside one a contact was just split from: the customer it now makes up.
 */
export function MergeNotice({ customerId }: { customerId: number }) {
  const { t } = useTranslation();
  const go = useRoute((s) => s.go);
  const { merged, split, undo } = useMerges();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  if (merged?.customerId === customerId)
    return (
      <div className="notice merge-notice" role="status">
        <span>{t('merges.merged', { name: merged.label })}</span>
        <button
          type="button"
          className="ghost"
          disabled={busy}
          onClick={() => {
            setBusy(true);
            setError(null);
            undo().then(
              () => setBusy(false),
              (e: unknown) => {
                setBusy(false);
                setError(messageOf(e));
              },
            );
          }}
        >
          {t('merges.undo')}
        </button>
        {error && (
          <p className="field-error" role="alert">
            {error}
          </p>
        )}
      </div>
    );
  if (split?.customerId === customerId)
    return (
      <div className="notice merge-notice" role="status">
        <span>
          {t('merges.splitInto')}{' '}
          <button type="button" className="link" onClick={() => go('customers', split.created.id)}>
            {split.created.label}
          </button>
        </span>
      </div>
    );
  return null;
}
