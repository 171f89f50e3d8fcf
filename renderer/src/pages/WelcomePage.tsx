import { useTranslation } from 'react-i18next';
import type { Channel } from '../../../src/api/types';
import { ChannelIcon } from '../components/ChannelIcon';
import { ErrorBanner } from '../components/ErrorBanner';
import { useChannels } from '../store/channels';
import { useRoute } from '../store/route';
import { useWorkspace } from '../store/workspace';

/** WhatsApp first: it is where a small business in Brazil talks to its customers. */
const OTHER_CHANNELS: Channel[] = ['telegram', 'webchat', 'sms'];

/**
 * The first screen on an empty database: what Clientela does, connecting a channel, where the
 * data lives, and a demo with sample data to see the screens before any channel is connected.
 */
export function WelcomePage() {
  const { t } = useTranslation();
  const go = useRoute((s) => s.go);
  const { info, switching, error, switchDemo } = useWorkspace();
  const connect = (channel: Channel) => {
    useChannels.setState({ connectRequest: channel });
    go('channels');
  };

  return (
    <div className="welcome-page">
      <section className="welcome" aria-labelledby="welcome-title">
        <h1 id="welcome-title">{t('welcome.title')}</h1>
        <p className="welcome-lead">{t('welcome.what')}</p>
        <p className="welcome-lead">{t('welcome.how')}</p>

        <div className="welcome-connect">
          <button type="button" className="welcome-primary" onClick={() => connect('whatsapp')}>
            <span aria-hidden="true">
              <ChannelIcon channel="whatsapp" size={20} />
            </span>
            {t('welcome.connectWhatsapp')}
          </button>
          <div className="welcome-others">
            <span className="muted">{t('welcome.orConnect')}</span>
            {OTHER_CHANNELS.map((channel) => (
              <button
                key={channel}
                type="button"
                className="ghost"
                onClick={() => connect(channel)}
              >
                <span aria-hidden="true">
                  <ChannelIcon channel={channel} />
                </span>
                {t(`channel.${channel}`)}
              </button>
            ))}
          </div>
        </div>

        <div className="card welcome-card">
          <h2>{t('welcome.dataTitle')}</h2>
          <p>{t('welcome.dataBody')}</p>
          {info && <code className="snippet welcome-path">{info.databaseFile}</code>}
          <p className="muted">{t('welcome.dataBackup')}</p>
        </div>

        <div className="card welcome-card">
          <h2>{t('welcome.demoTitle')}</h2>
          <p>{t('welcome.demoBody')}</p>
          {error && <ErrorBanner message={error} />}
          <div className="actions">
            <button
              type="button"
              className="ghost"
              disabled={switching}
              onClick={() => void switchDemo(true)}
            >
              {switching ? t('welcome.demoOpening') : t('welcome.demoOpen')}
            </button>
          </div>
        </div>

        <button type="button" className="link welcome-skip" onClick={() => go('customers')}>
          {t('welcome.skip')}
        </button>
      </section>
    </div>
  );
}

/** Always in sight while the demo is open: this is not the owner's data, and the way out. */
export function DemoBanner() {
  const { t } = useTranslation();
  const { switching, error, switchDemo } = useWorkspace();
  return (
    <p className="demo-banner" role="status">
      <span>
        <strong>{t('demo.title')}</strong> {t('demo.body')}
        {error && <span className="field-error"> {error}</span>}
      </span>
      <button type="button" disabled={switching} onClick={() => void switchDemo(false)}>
        {t('demo.leave')}
      </button>
    </p>
  );
}
