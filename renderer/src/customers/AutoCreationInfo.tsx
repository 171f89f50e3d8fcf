import { useTranslation } from 'react-i18next';
import { useSession } from '../store/session';

/** The seed's blue card explaining auto-creation; dismissed once, for good. */
export function AutoCreationInfo() {
  const { t } = useTranslation();
  const dismissed = useSession((s) => s.settings?.autoCreationInfoDismissed ?? true);
  const update = useSession((s) => s.update);
  if (dismissed) return null;
  return (
    <aside className="info-card" aria-label={t('autoInfo.title')}>
      <div>
        <strong>{t('autoInfo.title')}</strong>
        <p>{t('autoInfo.body')}</p>
      </div>
      <button
        type="button"
        className="ghost"
        onClick={() => void update({ autoCreationInfoDismissed: true })}
      >
        {t('common.dismiss')}
      </button>
    </aside>
  );
}
