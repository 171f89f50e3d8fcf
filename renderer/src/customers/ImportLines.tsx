import { useTranslation } from 'react-i18next';
import type { ImportReport } from '../../../src/api/types';

/**
 * The rows an import skips or takes in part, each with its line and reason, in the sheet's
 * order: the first `shown`, then how many more.
 */
export function ImportLines({ report, shown }: { report: ImportReport; shown: number }) {
  const { t } = useTranslation();
  const lines = [
    ...report.skipped.map((s) => ({ ...s, key: 'import.skippedLine' as const })),
    ...report.warnings.map((w) => ({ ...w, key: 'import.partialLine' as const })),
  ].sort((a, b) => a.line - b.line);
  if (lines.length === 0) return null;
  return (
    <ul className="notice-lines">
      {lines.slice(0, shown).map((l) => (
        <li key={l.line}>{t(l.key, { line: l.line, reason: l.reason })}</li>
      ))}
      {lines.length > shown && <li>{t('import.moreLines', { count: lines.length - shown })}</li>}
    </ul>
  );
}
