import { useTranslation } from 'react-i18next';
import { useWorkspace } from '../store/workspace';

/** Always in sight while the demo is open: this is not the owner's data, and the way out. */
export function DemoBanner() {
  const { t } = useTranslation();
  const { switching, error, switchDemo } = useWorkspace();
  return (
    <p className="demo-banner" role="status">
      <span>
        <strong>{t('demo.title')}</strong> {t('demo.body')}
        {error && <span className="field-error"> {error}</span>}
      </span>
      <button type="button" disabled={switching} onClick={() => void switchDemo(false)}>
        {t('demo.leave')}
      </button>
    </p>
  );
}
