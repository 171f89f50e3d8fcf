import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../components/EmptyState';
import { ErrorBanner } from '../components/ErrorBanner';
import { ConversationList } from '../conversations/ConversationList';
import { CustomerCard } from '../conversations/CustomerCard';
import { NewConversationDialog } from '../conversations/NewConversationDialog';
import { Thread } from '../conversations/Thread';
import { useConversations } from '../store/conversations';
import { useRoute } from '../store/route';
import { useStats } from '../store/stats';

/** The inbox: conversations on the left, the open thread, and the customer beside it. */
export function ConversationsPage() {
  const { t } = useTranslation();
  const { items, opened, gone, threadError, loading, error, filter, reload, open } =
    useConversations();
  const openId = useRoute((s) => s.id);
  const go = useRoute((s) => s.go);
  const [starting, setStarting] = useState(false);

  useEffect(() => {
    void reload();
  }, [reload]);
  useEffect(() => {
    void open(openId);
  }, [openId, open]);

  // The list's copy when it holds it (kept fresh by live events), else the one fetched by id: a
  // conversation opened from a customer may be past the loaded page, or outside the filter.
  const conversation =
    items.find((c) => c.id === openId) ?? (opened?.id === openId ? opened : undefined);
  const nothingYet = !loading && items.length === 0 && !filter.channel && !filter.unreadOnly;

  return (
    <div className="conversations-page">
      <header className="page-head">
        <h1>{t('conversations.title')}</h1>
        <div className="actions">
          <button type="button" onClick={() => setStarting(true)}>
            {t('conversations.new')}
          </button>
        </div>
      </header>
      {error && <ErrorBanner message={error} onRetry={() => void reload()} />}
      {nothingYet ? (
        <EmptyState title={t('conversations.emptyTitle')} body={t('conversations.emptyBody')} />
      ) : (
        <div className="inbox">
          <ConversationList />
          {conversation ? (
            <>
              <Thread conversation={conversation} />
              <CustomerCard conversation={conversation} />
            </>
          ) : openId === null ? (
            <div className="thread">
              <EmptyState title={t('conversations.pickTitle')} body={t('conversations.pickBody')} />
            </div>
          ) : gone ? (
            <div className="thread">
              <EmptyState title={t('conversations.goneTitle')} body={t('conversations.goneBody')} />
            </div>
          ) : (
            <div className="thread" aria-busy={!threadError}>
              {threadError && (
                <ErrorBanner message={threadError} onRetry={() => void open(openId)} />
              )}
            </div>
          )}
        </div>
      )}
      {starting && (
        <NewConversationDialog
          onClose={() => setStarting(false)}
          onStarted={(started) => {
            setStarting(false);
            void useConversations
              .getState()
              .refreshTop()
              .then(() => go('conversations', started.id));
            void useStats.getState().refresh();
          }}
        />
      )}
    </div>
  );
}
