import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AccountCard } from '../channels/AccountCard';
import { AddAccountDialog } from '../channels/AddAccountDialog';
import { EmptyState } from '../components/EmptyState';
import { ErrorBanner } from '../components/ErrorBanner';
import type { Channel } from '../../../src/api/types';
import { accountKey, useChannels } from '../store/channels';

/** The connected accounts with their live status; adding and removing them. */
export function ChannelsPage() {
  const { t } = useTranslation();
  const { accounts, drivers, error, load, connectRequest } = useChannels();
  const [adding, setAdding] = useState<Channel | true | false>(false);

  useEffect(() => {
    void load();
  }, [load]);

  useEffect(() => {
    if (!connectRequest) return;
    setAdding(connectRequest);
    useChannels.setState({ connectRequest: null });
  }, [connectRequest]);

  const addButton = (
    <button type="button" onClick={() => setAdding(true)} disabled={drivers.length === 0}>
      {t('channels.add')}
    </button>
  );

  return (
    <div className="channels-page">
      <header className="page-head">
        <h1>{t('channels.title')}</h1>
        {accounts && accounts.length > 0 && addButton}
      </header>
      {error && <ErrorBanner message={error} onRetry={() => void load()} />}
      {accounts === null ? (
        !error && (
          <p className="muted" aria-busy="true">
            {t('common.loading')}
          </p>
        )
      ) : accounts.length === 0 ? (
        <EmptyState
          title={t('channels.emptyTitle')}
          body={t('channels.emptyBody')}
          action={addButton}
        />
      ) : (
        <ul className="accounts">
          {accounts.map((a) => (
            <AccountCard key={accountKey(a)} account={a} />
          ))}
        </ul>
      )}
      {adding && drivers.length > 0 && (
        <AddAccountDialog
          drivers={drivers}
          channel={adding === true ? undefined : adding}
          onClose={() => setAdding(false)}
        />
      )}
    </div>
  );
}
