import { useTranslation } from 'react-i18next';
import { ChannelIcon } from '../components/ChannelIcon';
import { EmptyState } from '../components/EmptyState';
import { useChannels } from '../store/channels';

/** Each connected account and its live status, as the connectors report it. */
export function ChannelsPage() {
  const { t } = useTranslation();
  const accounts = Object.values(useChannels((s) => s.accounts));
  return (
    <div className="channels-page">
      <header className="page-head">
        <h1>{t('channels.title')}</h1>
      </header>
      {accounts.length === 0 ? (
        <EmptyState title={t('channels.emptyTitle')} body={t('channels.emptyBody')} />
      ) : (
        <ul className="accounts">
          {accounts.map((a) => (
            <li key={`${a.channel}:${a.account}`} className="card account">
              <ChannelIcon channel={a.channel} size={28} />
              <div className="grow">
                <strong>{t(`channel.${a.channel}`)}</strong>
                <span className="muted"> · {a.account}</span>
                {a.detail && <p className="muted">{a.detail}</p>}
              </div>
              <span className={`status-pill status-${a.status}`}>
                {t(`channels.status.${a.status}`)}
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
