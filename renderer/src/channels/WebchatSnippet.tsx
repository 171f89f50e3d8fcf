import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelAccount } from '../../../src/api/types';

/**
 * The line a website adds to get the chat bubble, ready to copy. A first version: the address
 * is the account's public address when set, else this computer's name and the widget's port.
 */
export function WebchatSnippet({ account }: { account: ChannelAccount }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  const { publicUrl, port } = account.config as { publicUrl?: string; port?: number };
  const base = publicUrl?.replace(/\/+$/, '') ?? `http://${window.location.hostname}:${port ?? ''}`;
  const snippet = `<script src="${base}/widget.js" async></script>`;
  return (
    <div className="webchat-snippet">
      <p className="muted">{t('channels.snippetHelp')}</p>
      <code>{snippet}</code>
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
        {copied ? t('channels.copied') : t('channels.copy')}
      </button>
    </div>
  );
}
