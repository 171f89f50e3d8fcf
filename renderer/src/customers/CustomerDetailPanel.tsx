import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomerDetail, Identity } from '../../../src/api/types';
import { api } from '../api/client';
import { Avatar } from '../components/Avatar';
import { ChannelIcon } from '../components/ChannelIcon';
import { ErrorBanner } from '../components/ErrorBanner';
import { SourceBadge } from '../components/SourceBadge';
import { formatPhone, useFormat } from '../format';
import { useCustomerDetail } from '../store/customer-detail';
import { useCustomers } from '../store/customers';
import { useMerges } from '../store/merges';
import { useRoute } from '../store/route';
import { useStats } from '../store/stats';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { MergeDialog } from './MergeDialog';
import { MergeNotice } from './MergeNotice';
import { NotesEditor } from './NotesEditor';
import { PersonalData } from './PersonalData';
import { PossibleMatches } from './PossibleMatches';
import { TagEditor } from './TagEditor';

/** How a contact is written: its number, @username, e-mail or, failing those, its channel id. */
const contactOf = (identity: Identity) =>
  (identity.phone ? formatPhone(identity.phone) : null) ??
  (identity.username ? `@${identity.username}` : null) ??
  identity.email ??
  identity.externalId;

/** The customer open beside the list: who they are, where they write from, notes and tags. */
export function CustomerDetailPanel({ id }: { id: number }) {
  const { t } = useTranslation();
  const format = useFormat();
  const go = useRoute((s) => s.go);
  const { detail, error, open, apply } = useCustomerDetail();
  const [dialog, setDialog] = useState<'merge' | 'delete' | { split: Identity } | null>(null);

  useEffect(() => {
    void open(id);
    return () => void open(null);
  }, [id, open]);

  const close = () => go('customers');
  useEffect(() => {
    if (dialog) return;
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && go('customers');
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [dialog, go]);
  if (error)
    return (
      <aside className="detail">
        <ErrorBanner message={error} onRetry={() => void open(id)} />
        <button type="button" className="ghost" onClick={close}>
          {t('common.close')}
        </button>
      </aside>
    );
  if (!detail || detail.id !== id)
    return <aside className="detail" aria-busy="true" aria-label={t('common.loading')} />;

  const reload = () => open(id);
  const latest = detail.conversations[0];
  /** After a merge (from the dialog or a possible match) or a dismissed match. */
  const changed = (next: CustomerDetail) => {
    // Merged into the other record: this one is gone, the kept one opens instead.
    if (next.id === id) void apply(Promise.resolve(next));
    else go('customers', next.id);
  };

  return (
    <aside className="detail" aria-label={detail.label}>
      <header className="detail-head">
        <Avatar name={detail.label} url={detail.profilePictureUrl} size={56} />
        <div className="grow">
          <h2>{detail.label}</h2>
          <SourceBadge source={detail.source} long />
        </div>
        <button type="button" className="icon" aria-label={t('common.close')} onClick={close}>
          ×
        </button>
      </header>

      <MergeNotice customerId={detail.id} />
      <PossibleMatches detail={detail} onChange={changed} />

      <dl className="timeline">
        <dt>{t('detail.firstContact')}</dt>
        <dd>{format.dateTime(detail.firstContactAt)}</dd>
        <dt>{t('detail.lastSeen')}</dt>
        <dd>{format.dateTime(detail.lastSeenAt)}</dd>
        <dt>{t('detail.lastInteraction')}</dt>
        <dd>{format.dateTime(detail.lastInteractionAt)}</dd>
      </dl>

      <ContactForm
        detail={detail}
        onSave={(patch) => apply(api.invoke('customers.update', { id, ...patch }))}
      />

      <section>
        <h3>{t('detail.identities')}</h3>
        <ul className="identities">
          {detail.identities.map((identity) => (
            <li key={identity.id}>
              <ChannelIcon channel={identity.channel} />
              <span className="grow">
                {contactOf(identity)}
                {identity.displayName && <span className="muted"> · {identity.displayName}</span>}
              </span>
              {identity.account !== 'default' && (
                <span className="muted">{t('detail.account', { account: identity.account })}</span>
              )}
              {/* One contact is the customer itself: only one of several can leave. */}
              {detail.identities.length > 1 && (
                <button
                  type="button"
                  className="link"
                  aria-label={t('detail.splitOne', { contact: contactOf(identity) })}
                  onClick={() => setDialog({ split: identity })}
                >
                  {t('detail.split')}
                </button>
              )}
            </li>
          ))}
        </ul>
      </section>

      <section>
        <h3>{t('detail.tags')}</h3>
        <TagEditor
          tags={detail.tags}
          onChange={(tags) => apply(api.invoke('customers.update', { id, tags }))}
        />
      </section>

      <section>
        <h3>{t('detail.notes')}</h3>
        <NotesEditor customerId={id} notes={detail.notes} onChanged={reload} />
      </section>

      <div className="detail-actions">
        {latest && (
          <button type="button" onClick={() => go('conversations', latest.id)}>
            {t('detail.openConversation')}
          </button>
        )}
        <button type="button" className="ghost" onClick={() => setDialog('merge')}>
          {t('detail.merge')}
        </button>
        <button type="button" className="ghost danger" onClick={() => setDialog('delete')}>
          {t('common.delete')}
        </button>
      </div>

      <PersonalData detail={detail} onErased={close} />

      {dialog === 'merge' && (
        <MergeDialog
          target={detail}
          onClose={() => setDialog(null)}
          onMerged={(merged) => {
            setDialog(null);
            changed(merged);
          }}
        />
      )}
      {typeof dialog === 'object' && dialog !== null && (
        <ConfirmDialog
          title={t('detail.splitTitle', { contact: contactOf(dialog.split) })}
          body={t('detail.splitBody')}
          confirm={t('detail.split')}
          onClose={() => setDialog(null)}
          onConfirm={async () => {
            await useMerges.getState().splitOff(id, [dialog.split.id]);
            setDialog(null);
          }}
        />
      )}
      {dialog === 'delete' && (
        <ConfirmDialog
          title={t('detail.deleteTitle', { name: detail.label })}
          body={t('detail.deleteBody')}
          confirm={t('detail.deleteConfirm')}
          onClose={() => setDialog(null)}
          onConfirm={async () => {
            await api.invoke('customers.delete', { id });
            setDialog(null);
            useCustomers.getState().replace(id, null);
            void useStats.getState().refresh();
            close();
          }}
        />
      )}
    </aside>
  );
}

/** Name, phone and email, saved together; the core's error (a phone it cannot read) shown here. */
function ContactForm({
  detail,
  onSave,
}: {
  detail: CustomerDetail;
  onSave: (patch: { displayName: string; phone: string; email: string }) => Promise<void>;
}) {
  const { t } = useTranslation();
  // The phone as people write it; the core reads it back to E.164 when saved.
  const initial = {
    displayName: detail.displayName ?? '',
    phone: detail.phone ? formatPhone(detail.phone) : '',
    email: detail.email ?? '',
  };
  const [values, setValues] = useState(initial);
  const [state, setState] = useState<{ error?: string; saved?: boolean }>({});
  useEffect(() => {
    setValues({
      displayName: detail.displayName ?? '',
      phone: detail.phone ? formatPhone(detail.phone) : '',
      email: detail.email ?? '',
    });
  }, [detail.displayName, detail.phone, detail.email]);
  const changed = (Object.keys(initial) as (keyof typeof initial)[]).some(
    (k) => values[k] !== initial[k],
  );
  return (
    <form
      className="contact-form"
      onSubmit={(e) => {
        e.preventDefault();
        onSave(values).then(
          () => setState({ saved: true }),
          (error: Error) => setState({ error: error.message }),
        );
      }}
    >
      {(['displayName', 'phone', 'email'] as const).map((field) => (
        <label key={field}>
          <span>{t(`detail.${field === 'displayName' ? 'name' : field}`)}</span>
          <input
            name={field}
            type={field === 'email' ? 'email' : field === 'phone' ? 'tel' : 'text'}
            value={values[field]}
            onChange={(e) => {
              setValues({ ...values, [field]: e.target.value });
              setState({});
            }}
          />
        </label>
      ))}
      {state.error && (
        <p className="field-error" role="alert">
          {state.error}
        </p>
      )}
      <div className="form-row">
        <button type="submit" disabled={!changed}>
          {t('common.save')}
        </button>
        {state.saved && !changed && <span className="muted">{t('detail.saved')}</span>}
      </div>
    </form>
  );
}
