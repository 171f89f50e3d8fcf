import { useTranslation } from 'react-i18next';
import { ProgressBar } from '../components/ProgressBar';
import { useImport } from '../store/import';
import { ImportLines } from './ImportLines';

/**
 * The sheet import on the Customers page: a bar while it is read or stored, then its counts and
 * the first lines it skipped or imported in part (each with its reason), or why nothing was stored
 * at all.
 */
export function ImportNotice() {
  const { t } = useTranslation();
  const { running, report, error, dismiss } = useImport();
  if (running)
    return (
      <ProgressBar
        done={0}
        total={0}
        label={t(running.phase === 'reading' ? 'import.reading' : 'import.running', {
          file: running.file,
        })}
      />
    );
  if (!report && !error) return null;
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
        {report && <ImportLines report={report} shown={5} />}
      </div>
      <button type="button" className="link" onClick={dismiss}>
        {t('common.dismiss')}
      </button>
    </div>
  );
}
