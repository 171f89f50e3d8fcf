import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BackupSet, BackupStatus } from '../../../src/api/types';
import { api } from '../api/client';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { ErrorBanner } from '../components/ErrorBanner';
import { ProgressBar } from '../components/ProgressBar';
import { useFormat } from '../format';
import { useSession } from '../store/session';

/** Megabytes as the person's language writes them: "12,3 MB". */
function useSize(): (bytes: number) => string {
  const { i18n } = useTranslation();
  const megabytes = new Intl.NumberFormat(i18n.language, {
    style: 'unit',
    unit: 'megabyte',
    maximumFractionDigits: 1,
  });
  return (bytes) => megabytes.format(bytes / 1_048_576);
}

/** The backups' state, fetched again after each change and followed while one runs. */
function useBackups() {
  const [status, setStatus] = useState<BackupStatus | null>(null);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const refresh = useCallback(async () => {
    const next = await api.invoke('backup.status', {});
    setStatus(next);
    setProgress(next.running);
  }, []);
  useEffect(() => {
    void refresh();
    return api.subscribe((events) => {
      for (const event of events)
        if (event.type === 'backup.progress') setProgress({ done: event.done, total: event.total });
        else if (event.type === 'backup.finished' || (event.type === 'connection' && event.online))
          void refresh();
    });
  }, [refresh]);
  return { status, progress, setProgress, refresh };
}

/**
 * Settings' backups: the last one and a warning when it is missing, old or failed; on the Clientela
 * computer itself the folder, how many to keep, "back up now" and restore. A browser over host
 * mode sees the state only: taking, restoring and choosing the folder stay on that computer.
 */
export function BackupSettings() {
  const { t } = useTranslation();
  const format = useFormat();
  const size = useSize();
  const update = useSession((s) => s.update);
  const { status, progress, setProgress, refresh } = useBackups();
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [restoring, setRestoring] = useState<BackupSet | null>(null);
  const [keep, setKeep] = useState<string | null>(null);
  if (!status) return null;
  const here = api.onThisComputer;

  /** Runs `work`; its notice or error shows. A failed backup is shown by the warning alone. */
  const attempt = async (work: () => Promise<string | null>, { warns = false } = {}) => {
    setError(null);
    setNotice(null);
    try {
      setNotice(await work());
    } catch (e) {
      if (!warns) setError(e instanceof Error ? e.message : String(e));
    } finally {
      await refresh();
    }
  };
  const backUpNow = () =>
    attempt(
      async () => {
        setProgress({ done: 0, total: 0 });
        const set = await api.invoke('backup.run', {});
        return t('backup.done', { size: size(set.bytes) });
      },
      { warns: true },
    );
  const chooseFolder = () =>
    attempt(async () => {
      const folder = await api.chooseFolder?.(t('backup.folder'));
      if (folder) await update({ backupFolder: folder });
      return null;
    });
  const saveKeep = () =>
    attempt(async () => {
      if (keep !== null && Number(keep) !== status.keep) await update({ backupKeep: Number(keep) });
      setKeep(null);
      return null;
    });

  return (
    <section className="card settings backups" aria-labelledby="backups-title">
      <div className="setting">
        <span className="setting-text">
          <h2 id="backups-title">{t('backup.title')}</h2>
          <span className="muted">{t('backup.help')}</span>
          <span>
            {status.last
              ? t('backup.last', {
                  when: format.dateTime(status.last.at),
                  size: size(status.last.bytes),
                })
              : t('backup.none')}
          </span>
        </span>
        {here && (
          <button type="button" onClick={() => void backUpNow()} disabled={progress !== null}>
            {t('backup.now')}
          </button>
        )}
      </div>
      <Warning status={status} />
      {progress && (
        <ProgressBar
          done={progress.done}
          total={progress.total}
          label={t('backup.running', {
            percent: progress.total ? Math.floor((100 * progress.done) / progress.total) : 0,
          })}
        />
      )}
      {error && <ErrorBanner message={error} />}
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      <div className="setting">
        <span className="setting-text">
          <span>{t('backup.folder')}</span>
          <span className="muted">{t('backup.folderHelp')}</span>
          <code className="backup-folder">{status.folder}</code>
        </span>
        {here && api.chooseFolder && (
          <button type="button" className="ghost" onClick={() => void chooseFolder()}>
            {t('backup.choose')}
          </button>
        )}
      </div>
      <label className="setting">
        <span className="setting-text">
          <span>{t('backup.keep')}</span>
          <span className="muted">{t('backup.keepHelp')}</span>
        </span>
        <input
          type="number"
          min={1}
          max={365}
          size={4}
          value={keep ?? status.keep}
          disabled={!here}
          onChange={(e) => setKeep(e.target.value)}
          onBlur={() => void saveKeep()}
        />
      </label>
      {status.sets.length > 0 && (
        <div className="setting backup-sets">
          <span className="setting-text">
            <span>{t('backup.list')}</span>
            <ul className="backup-list">
              {status.sets.map((set) => (
                <li key={set.path}>
                  <span>{format.dateTime(set.at)}</span>
                  <span className="muted">{size(set.bytes)}</span>
                  {here && (
                    <button type="button" className="ghost" onClick={() => setRestoring(set)}>
                      {t('backup.restore')}
                    </button>
                  )}
                </li>
              ))}
            </ul>
          </span>
        </div>
      )}
      {!here && <p className="setting muted">{t('backup.elsewhere')}</p>}
      {restoring && (
        <ConfirmDialog
          title={t('backup.restoreTitle', { when: format.dateTime(restoring.at) })}
          body={t('backup.restoreBody')}
          confirm={t('backup.restore')}
          onConfirm={async () => {
            const result = await api.invoke('backup.restore', { from: restoring.path });
            setRestoring(null);
            setNotice(t('backup.restored', { previous: result.previous ?? '—' }));
            await refresh();
          }}
          onClose={() => setRestoring(null)}
        />
      )}
    </section>
  );
}

/**
 * Amber when the last backup is missing or old (said politely: it shows on every visit), red and
 * announced when it failed, with the core's reason.
 */
function Warning({ status }: { status: BackupStatus }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (status.warning === null) return null;
  if (status.warning === 'failed')
    return (
      <p className="backup-warning failed" role="alert">
        {t('backup.warnFailed', {
          when: format.dateTime(status.failure?.at ?? null),
          reason: status.failure?.reason,
        })}
      </p>
    );
  return (
    <p className="backup-warning" role="status">
      {status.warning === 'never'
        ? t('backup.warnNever')
        : t('backup.warnOld', { when: format.relative(status.last?.at ?? null) })}
    </p>
  );
}
