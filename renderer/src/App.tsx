import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { ChannelsPage } from './pages/ChannelsPage';
import { ConversationsPage } from './pages/ConversationsPage';
import { CustomersPage } from './pages/CustomersPage';
import { SettingsPage } from './pages/SettingsPage';
import { DemoBanner, WelcomePage } from './pages/WelcomePage';
import { useConversations } from './store/conversations';
import { startLive } from './store/live';
import { PAGES, useRoute, type Page } from './store/route';
import { effectiveLanguage, useSession } from './store/session';
import { useWorkspace } from './store/workspace';

const NAV_ICONS: Record<Page, string> = {
  conversations: 'M4 4h16v11H7l-3 3V4z',
  customers:
    'M9 11a4 4 0 1 0 0-8 4 4 0 0 0 0 8zm-7 9a7 7 0 0 1 14 0H2zm15-9a3 3 0 1 0 0-6M18 20h4a5 5 0 0 0-4-5',
  channels: 'M5 12a7 7 0 0 1 14 0M8.5 12a3.5 3.5 0 0 1 7 0M12 12v8',
  settings:
    'M12 15a3 3 0 1 0 0-6 3 3 0 0 0 0 6zm7.4-3a7.4 7.4 0 0 0-.1-1.3l2-1.6-2-3.4-2.4 1a7 7 0 0 0-2.2-1.3L14.3 3h-4l-.4 2.4a7 7 0 0 0-2.2 1.3l-2.4-1-2 3.4 2 1.6a7 7 0 0 0 0 2.6l-2 1.6 2 3.4 2.4-1a7 7 0 0 0 2.2 1.3l.4 2.4h4l.4-2.4a7 7 0 0 0 2.2-1.3l2.4 1 2-3.4-2-1.6c.1-.4.1-.9.1-1.3z',
};

/** The window: the side navigation and the page the route names. */
export function App() {
  const { t, i18n } = useTranslation();
  const { page, go } = useRoute();
  const { settings, error, online, theme, load } = useSession();
  const unread = useConversations((s) => s.items.reduce((n, c) => n + c.unreadCount, 0));
  const workspace = useWorkspace((s) => s.info);
  const chosen = useRoute((s) => s.chosen);
  // A first run (nothing stored yet, no screen asked for) is greeted; the first customer,
  // conversation or channel, or any click elsewhere, ends it.
  const welcome = !chosen && workspace?.empty === true;

  useEffect(() => {
    void load();
    void useWorkspace.getState().load();
    return startLive();
  }, [load]);

  useEffect(() => {
    const language = effectiveLanguage(settings);
    if (i18n.language !== language) void i18n.changeLanguage(language);
    document.documentElement.lang = language;
  }, [settings, i18n]);

  useEffect(() => {
    document.documentElement.dataset['theme'] = theme;
  }, [theme]);

  if (error)
    return (
      <main className="fatal" role="alert">
        <h1>{t('app.cannotStart')}</h1>
        <p>{error}</p>
        <p>{t('app.cannotStartHelp')}</p>
      </main>
    );
  if (!settings) return <main className="fatal" aria-busy="true" />;

  return (
    <div className="shell">
      <nav className="sidebar" aria-label="Clientela">
        <div className="brand">Clientela</div>
        {PAGES.map((p) => (
          <button
            key={p}
            type="button"
            className={p === page && !welcome ? 'nav-item active' : 'nav-item'}
            aria-current={p === page && !welcome ? 'page' : undefined}
            onClick={() => go(p)}
          >
            <svg width="20" height="20" viewBox="0 0 24 24" aria-hidden="true">
              <path
                d={NAV_ICONS[p]}
                fill="none"
                stroke="currentColor"
                strokeWidth="1.8"
                strokeLinejoin="round"
                strokeLinecap="round"
              />
            </svg>
            <span>{t(`nav.${p}`)}</span>
            {p === 'conversations' && unread > 0 && (
              <span
                className="count-badge"
                aria-label={t('conversations.unread', { count: unread })}
              >
                {unread > 99 ? '99+' : unread}
              </span>
            )}
          </button>
        ))}
        {!online && (
          <div className="offline" role="status">
            {t('nav.offline')}
          </div>
        )}
      </nav>
      <main className="page">
        {workspace?.demo && <DemoBanner />}
        {welcome && <WelcomePage />}
        {page === 'conversations' && <ConversationsPage />}
        {page === 'customers' && !welcome && <CustomersPage />}
        {page === 'channels' && <ChannelsPage />}
        {page === 'settings' && <SettingsPage />}
      </main>
    </div>
  );
}
