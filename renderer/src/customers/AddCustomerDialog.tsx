import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomerDetail } from '../../../src/api/types';
import { api } from '../api/client';
import { Dialog, FormFooter } from '../components/Dialog';

/** "Add customer": a person met outside the channels, typed in by hand. */
export function AddCustomerDialog({
  onAdded,
  onClose,
}: {
  onAdded: (customer: CustomerDetail) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [values, setValues] = useState({
    displayName: '',
    phone: '',
    email: '',
    tags: '',
    note: '',
  });
  const [error, setError] = useState<string | null>(null);
  const field = (name: keyof typeof values, label: string, type = 'text') => (
    <label>
      <span>{label}</span>
      <input
        name={name}
        type={type}
        value={values[name]}
        autoFocus={name === 'displayName'}
        onChange={(e) => setValues({ ...values, [name]: e.target.value })}
      />
    </label>
  );
  return (
    <Dialog title={t('addCustomer.title')} onClose={onClose}>
      <form
        className="stack"
        onSubmit={(e) => {
          e.preventDefault();
          api
            .invoke('customers.create', {
              ...values,
              tags: values.tags
                .split(',')
                .map((tag) => tag.trim())
                .filter(Boolean),
            })
            .then(onAdded, (e: Error) => setError(e.message));
        }}
      >
        {field('displayName', t('detail.name'))}
        {field('phone', t('detail.phone'), 'tel')}
        {field('email', t('detail.email'), 'email')}
        {field('tags', t('addCustomer.tags'))}
        {field('note', t('addCustomer.note'))}
        <FormFooter error={error} onCancel={onClose} submitLabel={t('common.add')} />
      </form>
    </Dialog>
  );
}
