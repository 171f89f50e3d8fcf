import { useTranslation } from 'react-i18next';
import { usePersonalData } from '../store/personal-data';

/** Who was just erased, and what went with them, once their detail has closed. */
export function ErasureNotice() {
  const { t } = useTranslation();
  const { erased, dismiss } = usePersonalData();
  if (!erased) return null;
  return (
    <div className="notice" role="status">
      <span>
        {t('privacy.erased', {
          name: erased.name,
          messages: erased.messages,
          pictures: erased.pictures,
        })}
      </span>
      <button type="button" className="link" onClick={dismiss}>
        {t('common.dismiss')}
      </button>
    </div>
  );
}
