import { lazy, Suspense, useEffect, type ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import { DemoBanner } from './components/DemoBanner';
import { PageBoundary } from './components/PageBoundary';
import { CustomersPage, openCustomersPage } from './pages/CustomersPage';
import { useConversations } from './store/conversations';
import { startLive } from './store/live';
import { PAGES, useRoute, type Page } from './store/route';
import { effectiveLanguage, useSession } from './store/session';
import { useWorkspace } from './store/workspace';

/**
 * A page whose code is fetched the first time it is shown. The Customers page comes with the app:
 * it is where the app opens (the welcome screen, on an empty database, is seen once).
 */
const lazyPage = <K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) =>
  lazy(() => load().then((module) => ({ default: module[name] })));

const ConversationsPage = lazyPage(() => import('./pages/ConversationsPage'), 'ConversationsPage');
const ChannelsPage = lazyPage(() => import('./pages/ChannelsPage'), 'ChannelsPage');
const SettingsPage = lazyPage(() => import('./pages/SettingsPage'), 'SettingsPage');
const WelcomePage = lazyPage(() => import('./pages/WelcomePage'), 'WelcomePage');

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
  const { t, ready } = useTranslation();
  const { page, go } = useRoute();
  const { settings, environment, error, online, theme, load } = useSession();
  const unread = useConversations((s) => s.unreadTotal);
  const workspace = useWorkspace((s) => s.info);
  const chosen = useRoute((s) => s.chosen);
  // A first run (nothing stored yet, no screen asked for) is greeted; the first customer,
  // conversation or channel, or any click elsewhere, ends it.
  const welcome = !chosen && workspace?.empty === true;

  useEffect(() => {
    void load();
    void useWorkspace.getState().load();
    // Where the app opens, the list is asked for beside the settings, not once they are in.
    if (useRoute.getState().page === 'customers') void openCustomersPage();
    void useConversations.getState().refreshUnreadTotal();
    return startLive();
  }, [load]);

  useEffect(() => {
    document.documentElement.lang = effectiveLanguage(settings, environment);
  }, [settings, environment]);

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
  if (!settings || !ready) return <main className="fatal" aria-busy="true" />;

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
        <PageBoundary key={welcome ? 'welcome' : page}>
          {/* While a page's code arrives (from disk, or the host's network): the empty page
              area it will fill, without a spinner that would flash for a few milliseconds. */}
          <Suspense fallback={<div aria-busy="true" />}>
            {welcome && <WelcomePage />}
            {page === 'conversations' && <ConversationsPage />}
            {page === 'customers' && !welcome && <CustomersPage />}
            {page === 'channels' && <ChannelsPage />}
            {page === 'settings' && <SettingsPage />}
          </Suspense>
        </PageBoundary>
      </main>
    </div>
  );
}
