import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomerDetail } from '../../../src/api/types';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { formatPhone } from '../format';
import { usePersonalData } from '../store/personal-data';

/**
 * The LGPD's two requests a person may make, at the foot of their detail: a copy of their data,
 * and its erasure, asked first naming them and saying what it takes with it.
 */
export function PersonalData({ detail, onErased }: { detail: CustomerDetail; onErased(): void }) {
  const { t } = useTranslation();
  const { busy, exported, error, exportData, erase } = usePersonalData();
  const [asking, setAsking] = useState(false);
  const who = [detail.label, detail.phone && formatPhone(detail.phone), detail.email]
    .filter((part, i, all) => part && all.indexOf(part) === i)
    .join(' · ');
  const mine = exported?.id === detail.id ? exported : null;

  return (
    <section className="personal-data">
      <h3>{t('privacy.title')}</h3>
      <p className="muted">{t('privacy.help')}</p>
      <div className="form-row">
        <button
          type="button"
          className="ghost"
          disabled={busy !== null}
          onClick={() => void exportData(detail.id)}
        >
          {busy === 'export' ? t('privacy.exporting') : t('privacy.export')}
        </button>
        <button
          type="button"
          className="ghost danger"
          disabled={busy !== null}
          onClick={() => setAsking(true)}
        >
          {t('privacy.erase')}
        </button>
      </div>
      {mine && (
        <p className="muted" role="status">
          {mine.path ? t('privacy.saved', { path: mine.path }) : t('privacy.downloaded')}
        </p>
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {asking && (
        <ConfirmDialog
          title={t('privacy.eraseTitle', { name: detail.label })}
          body={t('privacy.eraseBody', { who })}
          confirm={busy === 'erase' ? t('privacy.erasing') : t('privacy.eraseConfirm')}
          onClose={() => setAsking(false)}
          onConfirm={async () => {
            // A second click while the file is being rebuilt asks nothing more.
            if (usePersonalData.getState().busy) return;
            await erase(detail.id, detail.label);
            setAsking(false);
            onErased();
          }}
        />
      )}
    </section>
  );
}
