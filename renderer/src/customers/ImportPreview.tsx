import { useTranslation } from 'react-i18next';
import { Dialog } from '../components/Dialog';
import { useFormat } from '../format';
import { useImport } from '../store/import';
import { ImportLines } from './ImportLines';

/** Lines of reasons the preview lists before counting the rest. */
const SHOWN = 50;

/**
 * What a sheet will do before anything is stored: the customers it creates and updates, the rows
 * it skips and the values it leaves out, with the reasons; the owner confirms or cancels.
 */
export function ImportPreview() {
  const { t } = useTranslation();
  const format = useFormat();
  const { pending, confirm, cancel } = useImport();
  if (!pending) return null;
  const { preview, file } = pending;
  const counts = [
    ['created', preview.created, t('import.willCreate', { count: preview.created })],
    ['updated', preview.updated, t('import.willUpdate', { count: preview.updated })],
    ['skipped', preview.skipped.length, t('import.willSkip', { count: preview.skipped.length })],
  ] as const;
  const nothing = preview.created + preview.updated === 0;
  return (
    <Dialog title={t('import.previewTitle', { file })} onClose={cancel} wide>
      <p className="muted">{t('import.previewHelp')}</p>
      <ul className="import-counts">
        {counts.map(([kind, count, label]) => (
          <li key={kind} data-count={kind}>
            <strong>{format.number(count)}</strong> {label}
          </li>
        ))}
      </ul>
      {(preview.skipped.length > 0 || preview.warnings.length > 0) && (
        <section className="import-reasons">
          <h3>{t('import.reasons')}</h3>
          <ImportLines report={preview} shown={SHOWN} />
        </section>
      )}
      {nothing && (
        <p className="field-error" role="alert">
          {t('import.nothingToImport')}
        </p>
      )}
      <div className="dialog-actions">
        <button type="button" className="ghost" onClick={cancel}>
          {t('common.cancel')}
        </button>
        <button type="button" disabled={nothing} onClick={() => void confirm()}>
          {t('import.confirm')}
        </button>
      </div>
    </Dialog>
  );
}
