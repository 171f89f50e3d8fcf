import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomerDetail, CustomerSummary } from '../../../src/api/types';
import { api } from '../api/client';
import { Avatar } from '../components/Avatar';
import { Dialog } from '../components/Dialog';
import { formatPhone } from '../format';
import { useMerges } from '../store/merges';

/** Picks another customer by search and merges them into this one. */
export function MergeDialog({
  target,
  onMerged,
  onClose,
}: {
  target: CustomerDetail;
  onMerged: (merged: CustomerDetail) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [found, setFound] = useState<CustomerSummary[]>([]);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!search.trim()) return setFound([]);
    const timer = setTimeout(() => {
      api.invoke('customers.list', { search, limit: 8 }).then(
        (page) => setFound(page.items.filter((c) => c.id !== target.id)),
        (e: Error) => setError(e.message),
      );
    }, 200);
    return () => clearTimeout(timer);
  }, [search, target.id]);

  async function merge(source: CustomerSummary) {
    try {
      onMerged(await useMerges.getState().merge(target.id, source.id, target, source.label));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  }

  return (
    <Dialog title={t('detail.mergeTitle', { name: target.label })} onClose={onClose}>
      <p className="muted">{t('detail.mergeHelp', { name: target.label })}</p>
      <input
        type="search"
        autoFocus
        aria-label={t('detail.mergeSearch')}
        placeholder={t('detail.mergeSearch')}
        value={search}
        onChange={(e) => setSearch(e.target.value)}
      />
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <ul className="pick-list">
        {found.map((c) => (
          <li key={c.id}>
            <Avatar name={c.label} url={c.profilePictureUrl} size={28} />
            <span className="grow">
              {c.label}
              <span className="muted"> {c.phone ? formatPhone(c.phone) : (c.email ?? '')}</span>
            </span>
            <button type="button" onClick={() => void merge(c)}>
              {t('detail.mergeAction')}
            </button>
          </li>
        ))}
      </ul>
      <div className="dialog-actions">
        <button type="button" className="ghost" onClick={onClose}>
          {t('common.cancel')}
        </button>
      </div>
    </Dialog>
  );
}
