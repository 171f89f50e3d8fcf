import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SOURCES } from '../../../src/shared/domain';
import { ChannelFilter } from '../components/ChannelFilter';
import type { TagCount } from '../../../src/api/types';
import { api } from '../api/client';
import { useCustomers, type CustomerQuery } from '../store/customers';

const SEARCH_DELAY_MS = 200;
const RANGES = ['active:7', 'active:30', 'active:90', 'new:7', 'new:30', 'new:90'] as const;

const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();

/** The query fields the activity menu's choice stands for. */
function rangeFilter(range: string): Partial<CustomerQuery> {
  const [kind, days] = range.split(':');
  const since = days ? daysAgo(Number(days)) : undefined;
  return {
    range: range || undefined,
    activeSince: kind === 'active' ? since : undefined,
    firstContactFrom: kind === 'new' ? since : undefined,
    firstContactTo: undefined,
  };
}

/** Search and filters over the customer list; the export uses the same query. */
export function CustomerFilters() {
  const { t } = useTranslation();
  const query = useCustomers((s) => s.query);
  const setQuery = useCustomers((s) => s.setQuery);
  const [search, setSearch] = useState(query.search ?? '');
  const [tags, setTags] = useState<TagCount[]>([]);

  useEffect(() => {
    if (search === (query.search ?? '')) return;
    const timer = setTimeout(() => setQuery({ search }), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [search, query.search, setQuery]);

  useEffect(() => {
    api.invoke('tags.list', {}).then(setTags, () => setTags([]));
  }, []);

  const filtered =
    !!query.search || !!query.channel || !!query.source || !!query.tag || !!(query.range ?? '');

  return (
    <div className="filters" role="search">
      <input
        type="search"
        className="search"
        placeholder={t('customers.search')}
        aria-label={t('customers.search')}
        value={search}
        onChange={(e) => setSearch(e.target.value)}
      />
      <ChannelFilter value={query.channel} onChange={(channel) => setQuery({ channel })} />
      <select
        aria-label={t('customers.source')}
        value={query.source ?? ''}
        onChange={(e) => setQuery({ source: (e.target.value || undefined) as never })}
      >
        <option value="">{`${t('customers.source')}: ${t('common.all')}`}</option>
        {SOURCES.map((s) => (
          <option key={s} value={s}>
            {t(`source.${s}`)}
          </option>
        ))}
      </select>
      <select
        aria-label={t('customers.tag')}
        value={query.tag ?? ''}
        onChange={(e) => setQuery({ tag: e.target.value || undefined })}
      >
        <option value="">{`${t('customers.tag')}: ${t('common.all')}`}</option>
        {tags.map((tag) => (
          <option key={tag.name} value={tag.name}>
            {`${tag.name} (${tag.customers})`}
          </option>
        ))}
      </select>
      <select
        aria-label={t('customers.activity')}
        value={query.range ?? ''}
        onChange={(e) => setQuery(rangeFilter(e.target.value))}
      >
        <option value="">{t('customers.anyTime')}</option>
        {RANGES.map((r) => {
          const [kind, days] = r.split(':');
          return (
            <option key={r} value={r}>
              {t(kind === 'active' ? 'customers.activeDays' : 'customers.newDays', {
                count: Number(days),
              })}
            </option>
          );
        })}
      </select>
      <select
        aria-label={t('customers.sort')}
        value={query.sort}
        onChange={(e) => setQuery({ sort: e.target.value as CustomerQuery['sort'] })}
      >
        <option value="lastSeen">{t('customers.sortLastSeen')}</option>
        <option value="firstContact">{t('customers.sortFirstContact')}</option>
        <option value="name">{t('customers.sortName')}</option>
      </select>
      {filtered && (
        <button
          type="button"
          className="ghost"
          onClick={() => {
            setSearch('');
            useCustomers.setState({ query: { sort: query.sort } });
            void useCustomers.getState().reload();
          }}
        >
          {t('customers.clearFilters')}
        </button>
      )}
    </div>
  );
}
