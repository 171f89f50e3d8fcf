import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Channel, ConversationSummary } from '../../../src/api/types';
import { CHANNELS, isVouched } from '../../../src/shared/domain';
import { api } from '../api/client';
import { Dialog, FormFooter } from '../components/Dialog';
import { useChannels } from '../store/channels';

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
  const { accounts, load } = useChannels();
  // Which of the channel's accounts writes: the only one silently, a choice when several.
  const ofChannel = (accounts ?? []).filter((a) => a.channel === channel);
  const [account, setAccount] = useState<string | null>(null);
  const chosen = ofChannel.find((a) => a.account === account)?.account ?? ofChannel[0]?.account;

  useEffect(() => {
    if (accounts === null) void load();
  }, [accounts, load]);

  function submit() {
    const target = to.trim();
    const byUsername = target.startsWith('@') || /[a-z_]/i.test(target);
    api
      .invoke('conversations.start', {
        channel,
        ...(chosen ? { account: chosen } : {}),
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
            {/* A web visitor is answered in their conversation: what they typed finds nobody. */}
            {CHANNELS.filter(isVouched).map((c) => (
              <option key={c} value={c}>
                {t(`channel.${c}`)}
              </option>
            ))}
          </select>
        </label>
        {ofChannel.length > 1 && (
          <label>
            <span>{t('conversations.fromAccount')}</span>
            <select name="account" value={chosen} onChange={(e) => setAccount(e.target.value)}>
              {ofChannel.map((a) => (
                <option key={a.account} value={a.account}>
                  {a.label === a.account ? a.label : `${a.label} (${a.account})`}
                </option>
              ))}
            </select>
          </label>
        )}
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
        <FormFooter error={error} onCancel={onClose} submitLabel={t('conversations.start')} />
      </form>
    </Dialog>
  );
}
