import { useTranslation } from 'react-i18next';
import { ProgressBar } from '../components/ProgressBar';
import { useImport } from '../store/import';

/** Lines of the report shown at once; the rest are counted. */
const SHOWN = 5;

/**
 * The CSV import on the Customers page: a bar while it runs, then its counts and the first lines
 * it skipped or imported in part (each with its reason), or why nothing was stored at all.
 */
export function ImportNotice() {
  const { t } = useTranslation();
  const { running, report, error, dismiss } = useImport();
  if (running)
    return <ProgressBar done={0} total={0} label={t('import.running', { file: running })} />;
  if (!report && !error) return null;
  const lines = report
    ? [
        ...report.skipped.map((s) => ({ ...s, key: 'import.skippedLine' as const })),
        ...report.warnings.map((w) => ({ ...w, key: 'import.partialLine' as const })),
      ].sort((a, b) => a.line - b.line)
    : [];
  return (
    <div className="notice" role="status">
      <div>
        <span>
          {report
            ? t('import.done', {
                created: report.created,
                updated: report.updated,
                skipped: report.skipped.length,
              })
            : t('import.refused', { message: error })}
        </span>
        {lines.length > 0 && (
          <ul className="notice-lines">
            {lines.slice(0, SHOWN).map((l) => (
              <li key={l.line}>{t(l.key, { line: l.line, reason: l.reason })}</li>
            ))}
            {lines.length > SHOWN && (
              <li>{t('import.moreLines', { count: lines.length - SHOWN })}</li>
            )}
          </ul>
        )}
      </div>
      <button type="button" className="link" onClick={dismiss}>
        {t('common.dismiss')}
      </button>
    </div>
  );
}
