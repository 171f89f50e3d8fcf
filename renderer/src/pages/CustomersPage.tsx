import { useEffect, useRef, useState } from 'react';
import { EXPORT_FORMATS } from '../../../src/api/contract';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../components/EmptyState';
import { ErrorBanner } from '../components/ErrorBanner';
import { ProgressBar } from '../components/ProgressBar';
import { AddCustomerDialog } from '../customers/AddCustomerDialog';
import { AutoCreationInfo } from '../customers/AutoCreationInfo';
import { CustomerDetailPanel } from '../customers/CustomerDetailPanel';
import { CustomerFilters } from '../customers/CustomerFilters';
import { CustomerTable } from '../customers/CustomerTable';
import { ErasureNotice } from '../customers/ErasureNotice';
import { ImportNotice } from '../customers/ImportNotice';
import { ImportPreview } from '../customers/ImportPreview';
import { NewPerDayChart } from '../customers/NewPerDayChart';
import { StatsCards } from '../customers/StatsCards';
import { useFormat } from '../format';
import { queryInput, useCustomers } from '../store/customers';
import { useExport } from '../store/export';
import { useImport } from '../store/import';
import { useRoute } from '../store/route';
import { useStats } from '../store/stats';

let opening: Promise<unknown> | null = null;

/**
 * The page's data as it opens: the first rows, their count and the stats. The app asks for them
 * as it starts, beside the settings (App), so the first rows need not wait for those; the page
 * opening while that is on its way joins it rather than asking again.
 */
export function openCustomersPage(): Promise<unknown> {
  opening ??= Promise.all([
    useCustomers.getState().reload(),
    useStats.getState().refresh(),
  ]).finally(() => {
    opening = null;
  });
  return opening;
}

/** The seed's Customers page: stats, the info card, filters, the list and the open customer. */
export function CustomersPage() {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const { items, count, error, loading, query, reload } = useCustomers();
  const openId = useRoute((s) => s.id);
  const go = useRoute((s) => s.go);
  const exporting = useExport();
  const importing = useImport((s) => s.running !== null || s.pending !== null);
  const [adding, setAdding] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    void openCustomersPage();
  }, []);

  const filtered = !!(query.search || query.channel || query.source || query.tag || query.range);

  return (
    <div className={openId ? 'customers-page with-detail' : 'customers-page'}>
      <div className="customers-main">
        <header className="page-head">
          <h1>{t('customers.title')}</h1>
          <div className="actions">
            <button
              type="button"
              className="ghost"
              disabled={importing}
              onClick={() => fileInput.current?.click()}
            >
              {t('customers.import')}
            </button>
            <input
              ref={fileInput}
              type="file"
              accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              hidden
              onChange={(e) => {
                const file = e.target.files?.[0];
                e.target.value = '';
                if (file) void useImport.getState().choose(file);
              }}
            />
            {EXPORT_FORMATS.map((format) => (
              <button
                key={format}
                type="button"
                className="ghost"
                disabled={exporting.running}
                onClick={() =>
                  void exporting.start({
                    ...queryInput(query),
                    format,
                    // The sheet speaks the language on screen (a browser's, in host mode).
                    language: i18n.language === 'pt-BR' ? 'pt-BR' : 'en',
                  })
                }
              >
                {t(format === 'csv' ? 'customers.export' : 'customers.exportXlsx')}
              </button>
            ))}
            <button type="button" onClick={() => setAdding(true)}>
              {t('customers.add')}
            </button>
          </div>
        </header>
        <StatsCards />
        <div className="overview">
          <NewPerDayChart />
          <AutoCreationInfo />
        </div>
        {exporting.running && (
          <ProgressBar
            done={exporting.done}
            total={exporting.total}
            label={t('export.running', {
              done: format.number(exporting.done),
              total: exporting.total ? format.number(exporting.total) : '…',
            })}
          />
        )}
        <ImportNotice />
        <ErasureNotice />
        {(exporting.result || exporting.error) && (
          <div className="notice" role="status">
            <span>
              {exporting.error
                ? t('common.error', { message: exporting.error })
                : exporting.result
                  ? `${t('export.done', { count: exporting.result.rows })} ${
                      exporting.result.path
                        ? t('export.savedTo', { path: exporting.result.path })
                        : ''
                    }`
                  : null}
            </span>
            <button type="button" className="link" onClick={() => exporting.dismiss()}>
              {t('common.dismiss')}
            </button>
          </div>
        )}
        <CustomerFilters />
        <div className="list-meta" aria-live="polite">
          {count !== null && t('customers.count', { count, formattedCount: format.number(count) })}
        </div>
        {error && <ErrorBanner message={error} onRetry={() => void reload()} />}
        {!loading && !error && items.length === 0 ? (
          filtered ? (
            <EmptyState title={t('customers.noMatchTitle')} body={t('customers.noMatchBody')} />
          ) : (
            <EmptyState
              title={t('customers.emptyTitle')}
              body={t('customers.emptyBody')}
              action={
                <button type="button" onClick={() => go('channels')}>
                  {t('nav.channels')}
                </button>
              }
            />
          )
        ) : (
          <CustomerTable />
        )}
      </div>
      {openId && <CustomerDetailPanel id={openId} />}
      <ImportPreview />
      {adding && (
        <AddCustomerDialog
          onClose={() => setAdding(false)}
          onAdded={(customer) => {
            setAdding(false);
            void reload();
            void useStats.getState().refresh();
            go('customers', customer.id);
          }}
        />
      )}
    </div>
  );
}
