import { useTranslation } from 'react-i18next';

/** An error as a sentence the person can read, with a way to try again. */
export function ErrorBanner({ message, onRetry }: { message: string; onRetry?: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="error-banner" role="alert">
      <span>{t('common.error', { message })}</span>
      {onRetry && (
        <button type="button" onClick={onRetry}>
          {t('common.retry')}
        </button>
      )}
    </div>
  );
}
