import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelAccount } from '../../../src/api/types';

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '::1', '[::1]', '0.0.0.0']);

/**
 * The line a website adds to get the chat bubble, ready to copy: from the account's public
 * address when set, else this computer's address and the widget's port, with a plain warning
 * when that address only works on this computer.
 */
export function WebchatSnippet({ account }: { account: ChannelAccount }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  const { publicUrl, port, host } = account.config as {
    publicUrl?: string;
    port?: number;
    host?: string;
  };
  const hostname = host && host !== '0.0.0.0' && host !== '::' ? host : window.location.hostname;
  const base = publicUrl?.replace(/\/+$/, '') ?? `http://${hostname}:${port ?? ''}`;
  const snippet = `<script src="${base}/widget.js" async></script>`;
  const localOnly = !publicUrl && LOCAL_HOSTS.has(hostname);
  return (
    <div className="webchat-snippet">
      <strong>{t('webchatSnippet.title')}</strong>
      <p className="muted">{t('webchatSnippet.help')}</p>
      <div className="snippet-row">
        <code className="snippet">{snippet}</code>
        <button
          type="button"
          className="ghost"
          onClick={() =>
            void navigator.clipboard.writeText(snippet).then(
              () => setCopied(true),
              () => undefined,
            )
          }
        >
          {copied ? t('webchatSnippet.copied') : t('webchatSnippet.copy')}
        </button>
      </div>
      {localOnly && <p className="muted">{t('webchatSnippet.localOnly', { port })}</p>}
    </div>
  );
}
