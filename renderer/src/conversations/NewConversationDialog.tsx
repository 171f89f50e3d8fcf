import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Channel, ConversationSummary } from '../../../src/api/types';
import { CHANNELS } from '../../../src/shared/domain';
import { api } from '../api/client';
import { Dialog } from '../components/Dialog';

/**
 * Writing first: channel, phone or username, and the first message. On WhatsApp and SMS a person
 * never seen before becomes a customer on the spot, as the seed asks.
 */
export function NewConversationDialog({
  onStarted,
  onClose,
}: {
  onStarted: (conversation: ConversationSummary) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [channel, setChannel] = useState<Channel>('whatsapp');
  const [to, setTo] = useState('');
  const [name, setName] = useState('');
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);

  function submit() {
    const target = to.trim();
    const byUsername = target.startsWith('@') || /[a-z_]/i.test(target);
    api
      .invoke('conversations.start', {
        channel,
        text,
        displayName: name || undefined,
        ...(byUsername ? { username: target } : { phone: target }),
      })
      .then(
        ({ conversation }) => onStarted(conversation),
        (e: Error) => setError(e.message),
      );
  }

  return (
    <Dialog title={t('conversations.newTitle')} onClose={onClose}>
      <p className="muted">{t('conversations.newHelp')}</p>
      <form
        className="stack"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <label>
          <span>{t('customers.channel')}</span>
          <select
            name="channel"
            value={channel}
            onChange={(e) => setChannel(e.target.value as Channel)}
          >
            {CHANNELS.map((c) => (
              <option key={c} value={c}>
                {t(`channel.${c}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{t('conversations.to')}</span>
          <input
            name="to"
            autoFocus
            required
            placeholder={t('conversations.toPlaceholder')}
            value={to}
            onChange={(e) => setTo(e.target.value)}
          />
        </label>
        <label>
          <span>{t('detail.name')}</span>
          <input name="name" value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <label>
          <span>{t('conversations.message')}</span>
          <textarea
            name="text"
            required
            rows={3}
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
        </label>
        {error && (
          <p className="field-error" role="alert">
            {error}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" className="ghost" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit">{t('conversations.start')}</button>
        </div>
      </form>
    </Dialog>
  );
}
