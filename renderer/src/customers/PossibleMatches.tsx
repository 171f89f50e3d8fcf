import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomerDetail, PossibleMatch } from '../../../src/api/types';
import { api } from '../api/client';
import { messageOf } from '../store/customers';
import { useMerges } from '../store/merges';
import { useRoute } from '../store/route';

/**
 * "Maybe the same person as …": customers sharing a phone or e-mail that one of the two only
 * typed into the web chat, so they were not joined. One click merges them, keeping the record a
 * channel vouches for (`keepId`) so that its name survives; or the agent says they differ.
 */
export function PossibleMatches({
  detail,
  onChange,
}: {
  detail: CustomerDetail;
  /** The customer as it is now: the merged one, or this one. */
  onChange: (next: CustomerDetail) => void;
}) {
  const { t } = useTranslation();
  const go = useRoute((s) => s.go);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (detail.possibleMatches.length === 0) return null;

  async function run(work: () => Promise<void>) {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  }

  const merge = (match: PossibleMatch) =>
    run(async () => {
      const removedId = match.keepId === detail.id ? match.customerId : detail.id;
      onChange(await useMerges.getState().merge(match.keepId, removedId, detail, match.label));
    });
  const dismiss = (match: PossibleMatch) =>
    run(async () => {
      const updated = await api.invoke('customers.dismissMatch', {
        customerId: detail.id,
        otherId: match.customerId,
      });
      onChange(updated);
    });

  return (
    <section className="matches" aria-label={t('matches.title')}>
      <ul>
        {detail.possibleMatches.map((match) => (
          <li key={match.customerId}>
            <p>
              {t('matches.lead')}{' '}
              {/* The label may be what a stranger typed: shown as text, never as markup. */}
              <button
                type="button"
                className="link name"
                onClick={() => go('customers', match.customerId)}
              >
                {match.label}
              </button>{' '}
              {t(`matches.${match.reason}`)}
            </p>
            <div className="form-row">
              <button
                type="button"
                disabled={busy}
                aria-label={t('matches.mergeWith', { name: match.label })}
                onClick={() => void merge(match)}
              >
                {t('matches.merge')}
              </button>
              <button
                type="button"
                className="ghost"
                disabled={busy}
                aria-label={t('matches.dismissWith', { name: match.label })}
                onClick={() => void dismiss(match)}
              >
                {t('matches.dismiss')}
              </button>
            </div>
          </li>
        ))}
      </ul>
      <p className="muted">{t('matches.why')}</p>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
