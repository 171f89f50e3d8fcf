import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomerSummary } from '../../../src/api/types';
import { Avatar } from '../components/Avatar';
import { ChannelIcon } from '../components/ChannelIcon';
import { SourceBadge } from '../components/SourceBadge';
import { formatPhone, useFormat } from '../format';
import { useCustomers } from '../store/customers';
import { useRoute } from '../store/route';

const ROW_HEIGHT = 52;

/**
 * What a row shows under the name: the phone, else the e-mail, unless that is what the name
 * already says (a person known only by their number is named by it).
 */
function otherContact(c: CustomerSummary): string {
  const phone = c.phone ? formatPhone(c.phone) : null;
  return [phone, c.email].find((contact) => contact && contact !== c.label) ?? '';
}
/** Fetch the next page while this many loaded rows are still below the visible ones. */
const PREFETCH_ROWS = 40;

/**
 * The customer list. Only the rows in view (and a few around them) are in the DOM, and pages
 * are fetched by keyset as the person scrolls, so a million customers scroll like a hundred.
 */
export function CustomerTable() {
  const { t } = useTranslation();
  const format = useFormat();
  const { items, nextCursor, loadMore } = useCustomers();
  const openId = useRoute((s) => (s.page === 'customers' ? s.id : null));
  const go = useRoute((s) => s.go);
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: items.length + (nextCursor ? 1 : 0),
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
  });
  const rows = virtualizer.getVirtualItems();
  const lastIndex = rows.at(-1)?.index ?? 0;

  useEffect(() => {
    if (nextCursor && lastIndex >= items.length - PREFETCH_ROWS) void loadMore();
  }, [lastIndex, items.length, nextCursor, loadMore]);

  function onKeyDown(e: KeyboardEvent<HTMLDivElement>, index: number) {
    const step = e.key === 'ArrowDown' ? 1 : e.key === 'ArrowUp' ? -1 : 0;
    if (e.key === 'Enter') go('customers', items[index]!.id);
    if (!step) return;
    e.preventDefault();
    const next = Math.max(0, Math.min(items.length - 1, index + step));
    virtualizer.scrollToIndex(next);
    const row = () => scroller.current?.querySelector<HTMLElement>(`[data-index="${next}"]`);
    // Focus at once when the row is on screen, so an Enter typed right after the arrow opens the
    // row the arrow went to; a row still to be rendered gets it on the next frame.
    const rendered = row();
    if (rendered) rendered.focus();
    else requestAnimationFrame(() => row()?.focus());
  }

  return (
    <div className="table" role="grid" aria-rowcount={items.length + 1}>
      <div className="table-head" role="row">
        <span role="columnheader">{t('customers.colName')}</span>
        <span role="columnheader">{t('customers.colChannels')}</span>
        <span role="columnheader">{t('customers.colSource')}</span>
        <span role="columnheader">{t('customers.colFirstContact')}</span>
        <span role="columnheader">{t('customers.colLastSeen')}</span>
        <span role="columnheader">{t('customers.colTags')}</span>
      </div>
      <div className="table-body" ref={scroller}>
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {rows.map((row) => {
            const c = items[row.index];
            const style = {
              transform: `translateY(${row.start}px)`,
              height: ROW_HEIGHT,
            };
            if (!c)
              return (
                <div key="more" className="table-row loading" style={style} role="row">
                  {t('common.loading')}
                </div>
              );
            return (
              <div
                key={c.id}
                data-index={row.index}
                data-customer-id={c.id}
                className={c.id === openId ? 'table-row selected' : 'table-row'}
                style={style}
                role="row"
                aria-rowindex={row.index + 2}
                aria-selected={c.id === openId}
                tabIndex={0}
                onClick={() => go('customers', c.id)}
                onKeyDown={(e) => onKeyDown(e, row.index)}
              >
                <span role="gridcell" className="cell-name">
                  <Avatar name={c.label} url={c.profilePictureUrl} size={32} />
                  <span className="name-lines">
                    <span className="name">{c.label}</span>
                    <span className="sub">
                      {c.needsDetails ? t('customers.needsDetails') : otherContact(c)}
                    </span>
                  </span>
                </span>
                <span role="gridcell" className="cell-channels">
                  {c.channels.map((ch) => (
                    <ChannelIcon key={ch} channel={ch} />
                  ))}
                </span>
                <span role="gridcell">
                  <SourceBadge source={c.source} />
                </span>
                <span role="gridcell">{format.date(c.firstContactAt)}</span>
                <span role="gridcell">{format.relative(c.lastSeenAt)}</span>
                <span role="gridcell" className="cell-tags">
                  {c.tags.map((tag) => (
                    <span key={tag} className="tag">
                      {tag}
                    </span>
                  ))}
                </span>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
