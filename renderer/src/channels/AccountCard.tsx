import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelAccount } from '../../../src/api/types';
import { ChannelIcon } from '../components/ChannelIcon';
import { ProgressBar } from '../components/ProgressBar';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { accountKey, useChannels } from '../store/channels';
import { QrCode } from './QrCode';
import { WebchatSnippet } from './WebchatSnippet';

/** The long tasks a channel's connector offers, started from its card. */
const TASKS: Partial<Record<ChannelAccount['channel'], { start: string; cancel: string }>> = {
  whatsapp: { start: 'importHistory', cancel: 'cancelImport' },
};

/**
 * Channels whose detail, while connected, is a warning for the owner (the SMS phone's battery);
 * the web chat's is the address it listens on, which its snippet already says.
 */
const WARNS_WHILE_CONNECTED: ReadonlySet<ChannelAccount['channel']> = new Set(['sms']);

/**
 * One account: its live status and why, the QR to scan, a running import, pausing and resuming,
 * and removal.
 */
export function AccountCard({ account }: { account: ChannelAccount }) {
  const { t } = useTranslation();
  const { remove, action, setEnabled } = useChannels();
  const progress = useChannels((s) => s.progress[accountKey(account)]);
  const [confirming, setConfirming] = useState(false);
  const [actionError, setActionError] = useState<string | null>(null);
  const [switching, setSwitching] = useState(false);
  const task = TASKS[account.channel];
  const paused = !account.enabled;
  const running = progress?.state === 'running';
  const name = `${t(`channel.${account.channel}`)} · ${account.label}`;

  const run = (name: string) => {
    setActionError(null);
    action(account.channel, account.account, name).catch((e: unknown) =>
      setActionError(e instanceof Error ? e.message : String(e)),
    );
  };

  const toggle = () => {
    setActionError(null);
    setSwitching(true);
    setEnabled(account.channel, account.account, paused)
      .catch((e: unknown) => setActionError(e instanceof Error ? e.message : String(e)))
      .finally(() => setSwitching(false));
  };

  return (
    <li className="card account" aria-label={name}>
      <div className="account-head">
        <ChannelIcon channel={account.channel} size={28} />
        <div className="grow">
          <strong>{t(`channel.${account.channel}`)}</strong>
          <span className="muted"> · {account.label}</span>
          {account.label !== account.account && (
            <span className="muted account-key"> ({account.account})</span>
          )}
        </div>
        {/* Paused is a choice, not a fault: its own calm pill, never "Stopped" or an error. */}
        <span className={`status-pill status-${paused ? 'paused' : account.status}`} role="status">
          {paused ? t('channels.paused') : t(`channels.status.${account.status}`)}
        </span>
        <button
          type="button"
          className="ghost"
          onClick={toggle}
          disabled={switching}
          aria-label={t(paused ? 'channels.resumeNamed' : 'channels.pauseNamed', { name })}
        >
          {t(paused ? 'channels.resume' : 'channels.pause')}
        </button>
        <button
          type="button"
          className="ghost danger"
          onClick={() => setConfirming(true)}
          aria-label={t('channels.removeNamed', { name })}
        >
          {t('channels.remove')}
        </button>
      </div>

      {paused && <p className="muted account-paused">{t('channels.pausedBody')}</p>}

      {!paused &&
        (account.status === 'error' || account.status === 'connecting') &&
        account.detail && (
          <p className="account-error">{t('channels.errorDetail', { reason: account.detail })}</p>
        )}

      {!paused &&
        account.status === 'connected' &&
        account.detail &&
        WARNS_WHILE_CONNECTED.has(account.channel) && (
          <p className="account-warning" role="note">
            {account.detail}
          </p>
        )}

      {!paused && account.status === 'needs_qr' && account.detail && (
        <div className="account-qr">
          <QrCode text={account.detail} label={t('channels.qrAlt')} />
          <ol>
            <li>{t('channels.qrStep1')}</li>
            <li>{t('channels.qrStep2')}</li>
            <li>{t('channels.qrStep3')}</li>
          </ol>
        </div>
      )}

      {account.channel === 'webchat' && <WebchatSnippet account={account} />}

      {task && !paused && account.status === 'connected' && !running && (
        <div className="account-actions">
          <button type="button" className="ghost" onClick={() => run(task.start)}>
            {t('channels.importHistory')}
          </button>
        </div>
      )}
      {progress && (
        <div className="account-progress">
          <ProgressBar
            done={progress.done}
            total={progress.total}
            label={t(`channels.progress.${progress.state}`, {
              done: progress.done.toLocaleString(),
              total: progress.total.toLocaleString(),
              detail: progress.detail ?? '',
            })}
          />
          {running && task && (
            <button type="button" className="ghost" onClick={() => run(task.cancel)}>
              {t('common.cancel')}
            </button>
          )}
        </div>
      )}
      {actionError && (
        <p className="field-error" role="alert">
          {actionError}
        </p>
      )}

      {confirming && (
        <ConfirmDialog
          title={t('channels.removeTitle', { name })}
          body={t('channels.removeBody')}
          confirm={t('channels.remove')}
          onConfirm={() => remove(account.channel, account.account)}
          onClose={() => setConfirming(false)}
        />
      )}
    </li>
  );
}
