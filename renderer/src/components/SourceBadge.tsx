import { useTranslation } from 'react-i18next';
import type { Source } from '../../../src/api/types';

/** How the customer came to be: auto-created from a conversation, added by hand or imported. */
export function SourceBadge({ source, long = false }: { source: Source; long?: boolean }) {
  const { t } = useTranslation();
  const label =
    source === 'auto_created' && long ? t('source.auto_created_long') : t(`source.${source}`);
  return <span className={`badge badge-${source}`}>{label}</span>;
}
