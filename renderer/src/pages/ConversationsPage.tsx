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
  const { items, loading, error, filter, reload, open } = useConversations();
  const openId = useRoute((s) => s.id);
  const go = useRoute((s) => s.go);
  const [starting, setStarting] = useState(false);

  useEffect(() => {
    void reload();
  }, [reload]);
  useEffect(() => {
    void open(openId);
  }, [openId, open]);

  const conversation = items.find((c) => c.id === openId);
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
          ) : (
            <div className="thread">
              <EmptyState title={t('conversations.pickTitle')} body={t('conversations.pickBody')} />
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
