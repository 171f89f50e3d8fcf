import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConversationSummary, CustomerDetail } from '../../../src/api/types';
import { api } from '../api/client';
import { Avatar } from '../components/Avatar';
import { ChannelIcon } from '../components/ChannelIcon';
import { SourceBadge } from '../components/SourceBadge';
import { MergeNotice } from '../customers/MergeNotice';
import { PossibleMatches } from '../customers/PossibleMatches';
import { formatPhone, useFormat } from '../format';
import { useCustomerDetail } from '../store/customer-detail';
import { useRoute } from '../store/route';

/** Who the agent is talking to, beside the thread. */
export function CustomerCard({ conversation }: { conversation: ConversationSummary }) {
  const { t } = useTranslation();
  const format = useFormat();
  const go = useRoute((s) => s.go);
  const customerId = conversation.customerId;
  // Edits from the Customers page arrive as events and reload the shared detail store.
  const shared = useCustomerDetail((s) => (s.detail?.id === customerId ? s.detail : null));
  const [detail, setDetail] = useState<CustomerDetail | null>(null);

  useEffect(() => {
    if (customerId === null) return setDetail(null);
    void useCustomerDetail.getState().open(customerId);
    api.invoke('customers.get', { id: customerId }).then(setDetail, () => setDetail(null));
    return () => void useCustomerDetail.getState().open(null);
  }, [customerId, conversation.lastMessageAt]);

  const customer = shared ?? detail;
  if (customerId === null)
    return (
      <aside className="customer-card">
        <h3>{t('conversations.customerCard')}</h3>
        <p className="muted">{t('conversations.notCustomer')}</p>
      </aside>
    );
  if (!customer) return <aside className="customer-card" aria-busy="true" />;
  return (
    <aside className="customer-card" aria-label={t('conversations.customerCard')}>
      <Avatar name={customer.label} url={customer.profilePictureUrl} size={64} />
      <h3>{customer.label}</h3>
      <SourceBadge source={customer.source} long />
      <MergeNotice customerId={customer.id} />
      <PossibleMatches
        detail={customer}
        onChange={(next) => {
          // Merged into the other record, the conversation moves to it: show that one now.
          setDetail(next);
          void useCustomerDetail.getState().open(next.id);
        }}
      />
      <dl>
        {customer.phone && (
          <>
            <dt>{t('detail.phone')}</dt>
            <dd className="phone">
              {/* Broken only between its groups in this narrow column: "+55 11" / "99999-8888". */}
              {formatPhone(customer.phone)
                .split(' ')
                .map((group, i) => (
                  <span key={i}>
                    {i > 0 && ' '}
                    <span className="nowrap">{group}</span>
                  </span>
                ))}
            </dd>
          </>
        )}
        {customer.email && (
          <>
            <dt>{t('detail.email')}</dt>
            <dd>{customer.email}</dd>
          </>
        )}
        <dt>{t('detail.firstContact')}</dt>
        <dd>{format.dateTime(customer.firstContactAt)}</dd>
        <dt>{t('detail.identities')}</dt>
        <dd className="cell-channels">
          {customer.channels.map((c) => (
            <ChannelIcon key={c} channel={c} />
          ))}
        </dd>
      </dl>
      {customer.tags.length > 0 && (
        <div className="cell-tags">
          {customer.tags.map((tag) => (
            <span key={tag} className="tag">
              {tag}
            </span>
          ))}
        </div>
      )}
      {customer.notes[0] && <p className="note-body">{customer.notes[0].body}</p>}
      <button type="button" className="ghost" onClick={() => go('customers', customer.id)}>
        {t('conversations.openCustomer')}
      </button>
    </aside>
  );
}
