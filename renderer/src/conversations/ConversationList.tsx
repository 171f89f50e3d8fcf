import { useTranslation } from 'react-i18next';
import { ChannelFilter } from '../components/ChannelFilter';
import { Avatar } from '../components/Avatar';
import { ChannelIcon } from '../components/ChannelIcon';
import { useFormat } from '../format';
import { useConversations } from '../store/conversations';
import { useRoute } from '../store/route';

/** Conversations by latest activity, with unread counts and the last message's first words. */
export function ConversationList() {
  const { t } = useTranslation();
  const format = useFormat();
  const { items, filter, setFilter, nextCursor, loadMore, loading } = useConversations();
  const openId = useRoute((s) => s.id);
  const go = useRoute((s) => s.go);
  return (
    <section className="conversation-list" aria-label={t('conversations.title')}>
      <div className="list-filters">
        <ChannelFilter value={filter.channel} onChange={(channel) => setFilter({ channel })} />
        <label className="check">
          <input
            type="checkbox"
            checked={!!filter.unreadOnly}
            onChange={(e) => setFilter({ unreadOnly: e.target.checked || undefined })}
          />
          {t('conversations.unreadOnly')}
        </label>
      </div>
      {items.length === 0 && !loading && (filter.channel || filter.unreadOnly) && (
        <p className="muted pad">{t('conversations.noMatch')}</p>
      )}
      <ul
        onScroll={(e) => {
          const el = e.currentTarget;
          if (el.scrollTop + el.clientHeight > el.scrollHeight - 200 && nextCursor) void loadMore();
        }}
      >
        {items.map((c) => (
          <li key={c.id}>
            <button
              type="button"
              className={c.id === openId ? 'conversation selected' : 'conversation'}
              aria-current={c.id === openId ? 'true' : undefined}
              data-conversation-id={c.id}
              onClick={() => go('conversations', c.id)}
            >
              <span className="avatar-with-channel">
                <Avatar name={c.label} url={c.profilePictureUrl} size={40} />
                <ChannelIcon channel={c.channel} size={14} />
              </span>
              <span className="conversation-text">
                <span className="conversation-top">
                  <span className="name">{c.label}</span>
                  <span className="when">{format.relative(c.lastMessageAt)}</span>
                </span>
                <span className="conversation-bottom">
                  <span className="preview">
                    {c.lastMessageDirection === 'out' && `${t('conversations.you')}: `}
                    {c.lastMessageText}
                  </span>
                  {c.unreadCount > 0 && (
                    <span
                      className="count-badge"
                      aria-label={t('conversations.unread', { count: c.unreadCount })}
                    >
                      {c.unreadCount}
                    </span>
                  )}
                </span>
              </span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
