import { useTranslation } from 'react-i18next';
import type { ChannelAccount } from '../../../src/api/types';
import { CopySnippet } from '../components/CopySnippet';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);
/** "Every interface": pages reach it by this computer's name, not by this address. */
const ANY = new Set(['0.0.0.0', '::']);

/**
 * Where pages load the widget from: the public address when the owner set one (the HTTPS proxy
 * or tunnel in front of the chat), else this computer's address and the account's port.
 * `localOnly` says that address only works on this computer.
 */
export function widgetAddress(config: ChannelAccount['config']): {
  url: string;
  localOnly: boolean;
} {
  if (typeof config.publicUrl === 'string' && config.publicUrl)
    return { url: config.publicUrl.replace(/\/+$/, ''), localOnly: false };
  const host = typeof config.host === 'string' && config.host ? config.host : '127.0.0.1';
  // Listening everywhere: the name this app was opened by (host mode on the network) is one that
  // works; inside the desktop app there is none, so localhost.
  const name = ANY.has(host) ? window.location.hostname || 'localhost' : host;
  const shown = name.includes(':') && !name.startsWith('[') ? `[${name}]` : name;
  return { url: `http://${shown}:${String(config.port)}`, localOnly: LOOPBACK.has(shown) };
}

/** The line a website adds to get the chat bubble, with a button that copies it. */
export function WebchatSnippet({ account }: { account: Pick<ChannelAccount, 'config'> }) {
  const { t } = useTranslation();
  const { url, localOnly } = widgetAddress(account.config);
  const snippet = `<script src="${url}/widget.js" async></script>`;

  return (
    <div className="webchat-snippet">
      <strong>{t('webchatSnippet.title')}</strong>
      <p className="muted">{t('webchatSnippet.help')}</p>
      <CopySnippet text={snippet} />
      {localOnly && (
        <p className="muted">{t('webchatSnippet.localOnly', { port: account.config.port })}</p>
      )}
    </div>
  );
}
