import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConversationSummary, Message } from '../../../src/api/types';
import { api } from '../api/client';
import { Avatar } from '../components/Avatar';
import { ChannelIcon } from '../components/ChannelIcon';
import { ErrorBanner } from '../components/ErrorBanner';
import { useFormat } from '../format';
import { useConversations } from '../store/conversations';

const STATUS_MARK: Partial<Record<Message['status'], string>> = {
  pending: '🕓',
  sent: '✓',
  delivered: '✓✓',
  read: '✓✓',
};

/** The open conversation: its messages as bubbles, and the composer. */
export function Thread({ conversation }: { conversation: ConversationSummary }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { messages, olderCursor, loadOlder, threadError, refreshThread, upsertMessage } =
    useConversations();
  const bottom = useRef<HTMLDivElement>(null);
  const lastId = messages.at(-1)?.id;

  useLayoutEffect(() => {
    bottom.current?.scrollIntoView({ block: 'end' });
  }, [lastId]);

  async function retry(message: Message) {
    upsertMessage(await api.invoke('conversations.retry', { messageId: message.id }));
  }

  return (
    <section className="thread" aria-label={conversation.label}>
      <header className="thread-head">
        <Avatar name={conversation.label} url={conversation.profilePictureUrl} size={36} />
        <h2>{conversation.label}</h2>
        <ChannelIcon channel={conversation.channel} />
      </header>
      <div className="messages" role="log" aria-live="polite">
        {olderCursor && (
          <button type="button" className="link center" onClick={() => void loadOlder()}>
            {t('conversations.olderMessages')}
          </button>
        )}
        {threadError && <ErrorBanner message={threadError} onRetry={() => void refreshThread()} />}
        {messages.map((m) => (
          <div
            key={m.id}
            className={`bubble ${m.direction} status-${m.status}`}
            data-message-id={m.id}
          >
            <p>{m.text}</p>
            <span className="bubble-meta">
              {format.time(m.timestamp)}
              {m.direction === 'out' && m.status !== 'failed' && (
                <span className="status" title={t(`conversations.status.${m.status}`)}>
                  {' '}
                  {STATUS_MARK[m.status]}
                </span>
              )}
            </span>
            {m.status === 'failed' && (
              <span className="failed" role="alert">
                {t('conversations.failed', { reason: m.error ?? '' })}{' '}
                <button type="button" className="link" onClick={() => void retry(m)}>
                  {t('common.retry')}
                </button>
              </span>
            )}
          </div>
        ))}
        <div ref={bottom} />
      </div>
      <Composer conversationId={conversation.id} />
    </section>
  );
}

/** Enter sends, Shift+Enter breaks the line; the text stays in the box if sending fails. */
function Composer({ conversationId }: { conversationId: number }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const upsertMessage = useConversations((s) => s.upsertMessage);
  const box = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    setText('');
    box.current?.focus();
  }, [conversationId]);

  async function send() {
    if (!text.trim()) return;
    try {
      upsertMessage(await api.invoke('conversations.send', { conversationId, text }));
      setText('');
      setError(null);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  }

  return (
    <form
      className="composer"
      onSubmit={(e) => {
        e.preventDefault();
        void send();
      }}
    >
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <textarea
        ref={box}
        rows={2}
        aria-label={t('conversations.composer')}
        placeholder={t('conversations.composer')}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
            e.preventDefault();
            void send();
          }
        }}
      />
      <button type="submit" disabled={!text.trim()}>
        {t('conversations.send')}
      </button>
    </form>
  );
}
