import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DataRequest } from '../../../src/api/types';
import { api } from '../api/client';
import { ErrorBanner } from '../components/ErrorBanner';
import { useFormat } from '../format';
import { messageOf } from '../store/customers';

/**
 * The LGPD log in Settings: each export and erasure of a person's data, when, which customer
 * number and from where. It names nobody: the number of an erased customer is all that is left.
 */
export function DataRequestLog() {
  const { t } = useTranslation();
  const format = useFormat();
  const [entries, setEntries] = useState<DataRequest[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api.invoke('dataRequests.list', {}).then(setEntries, (e: unknown) => setError(messageOf(e)));
  }, []);

  return (
    <section className="card settings data-requests" aria-labelledby="data-requests-title">
      <h2 id="data-requests-title">{t('privacy.logTitle')}</h2>
      <p className="muted">{t('privacy.logHelp')}</p>
      {error && <ErrorBanner message={error} />}
      {entries?.length === 0 && <p className="muted">{t('privacy.logEmpty')}</p>}
      {entries && entries.length > 0 && (
        <table>
          <thead>
            <tr>
              <th>{t('privacy.logWhen')}</th>
              <th>{t('privacy.logWhat')}</th>
              <th>{t('privacy.logCustomer')}</th>
              <th>{t('privacy.logWhere')}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((entry) => (
              <tr key={entry.id}>
                <td>{format.dateTime(entry.at)}</td>
                <td>{t(`privacy.kind_${entry.kind}`)}</td>
                <td>{t('privacy.customerNumber', { id: entry.customerId })}</td>
                <td>{t(`privacy.origin_${entry.origin}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
