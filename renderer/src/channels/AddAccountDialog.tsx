import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccountField, Channel, ChannelDriverInfo } from '../../../src/api/types';
import { Dialog, FormFooter } from '../components/Dialog';
import { useChannels } from '../store/channels';

type Values = Record<string, string | boolean>;

/** The field's label, from the translations; its key, spaced out, for a field not yet translated. */
function useFieldText() {
  const { t } = useTranslation();
  return {
    label: (channel: Channel, field: AccountField) =>
      t(`channels.fields.${channel}.${field.key}`, {
        defaultValue: field.key.replace(/([A-Z])/g, ' $1').toLowerCase(),
      }),
    hint: (channel: Channel, field: AccountField) =>
      t(`channels.hints.${channel}.${field.key}`, { defaultValue: '' }),
  };
}

function FieldInput({
  channel,
  field,
  value,
  onChange,
}: {
  channel: Channel;
  field: AccountField;
  value: string | boolean | undefined;
  onChange: (value: string | boolean) => void;
}) {
  const { label, hint } = useFieldText();
  const id = `field-${channel}-${field.key}`;
  const help = hint(channel, field);
  if (field.type === 'boolean')
    return (
      <label className="check">
        <input
          id={id}
          type="checkbox"
          checked={value === true}
          onChange={(e) => onChange(e.target.checked)}
        />
        <span>{label(channel, field)}</span>
        {help && <small className="muted">{help}</small>}
      </label>
    );
  const common = {
    id,
    name: field.key,
    required: field.required,
    placeholder: field.placeholder,
    value: typeof value === 'string' ? value : '',
    'aria-describedby': help ? `${id}-help` : undefined,
  };
  return (
    <label>
      <span>
        {label(channel, field)}
        {field.required && <span aria-hidden="true"> *</span>}
      </span>
      {field.type === 'list' ? (
        <textarea rows={3} {...common} onChange={(e) => onChange(e.target.value)} />
      ) : (
        <input
          {...common}
          type={
            field.type === 'password'
              ? 'password'
              : field.type === 'number'
                ? 'number'
                : field.type === 'url'
                  ? 'url'
                  : 'text'
          }
          autoComplete={field.secret ? 'off' : undefined}
          spellCheck={false}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
      {help && (
        <small id={`${id}-help`} className="muted">
          {help}
        </small>
      )}
    </label>
  );
}

/** "Add account": a channel, then the form its driver asks for; checked by the channel on save. */
export function AddAccountDialog({
  drivers,
  channel: first,
  onClose,
}: {
  drivers: ChannelDriverInfo[];
  /** The channel chosen at first (the welcome screen's "Connect WhatsApp"). */
  channel?: Channel;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const add = useChannels((s) => s.add);
  const [channel, setChannel] = useState<Channel>(
    drivers.find((d) => d.channel === first)?.channel ?? drivers[0]!.channel,
  );
  const [account, setAccount] = useState('');
  const [values, setValues] = useState<Values>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const driver = drivers.find((d) => d.channel === channel) ?? drivers[0]!;

  async function submit() {
    setBusy(true);
    setError(null);
    try {
      await add({
        channel,
        ...(account.trim() ? { account: account.trim() } : {}),
        fields: values,
      });
      onClose();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog title={t('channels.addTitle')} onClose={onClose}>
      <form
        className="stack account-form"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <label>
          <span>{t('channels.channel')}</span>
          <select
            name="channel"
            value={channel}
            onChange={(e) => {
              setChannel(e.target.value as Channel);
              setValues({});
              setError(null);
            }}
          >
            {drivers.map((d) => (
              <option key={d.channel} value={d.channel}>
                {t(`channel.${d.channel}`)}
              </option>
            ))}
          </select>
        </label>
        <p className="muted">{t(`channels.intro.${channel}`, { defaultValue: '' })}</p>
        {driver.fields.map((field) => (
          <FieldInput
            key={`${channel}-${field.key}`}
            channel={channel}
            field={field}
            value={values[field.key]}
            onChange={(value) => setValues((v) => ({ ...v, [field.key]: value }))}
          />
        ))}
        <label>
          <span>{t('channels.accountName')}</span>
          <input
            name="account"
            value={account}
            placeholder="default"
            pattern="[a-z0-9][a-z0-9_\-]{0,39}"
            onChange={(e) => setAccount(e.target.value)}
          />
          <small className="muted">{t('channels.accountNameHelp')}</small>
        </label>
        <FormFooter
          error={error}
          onCancel={onClose}
          submitLabel={busy ? t('channels.checking') : t('channels.connect')}
          busy={busy}
        />
      </form>
    </Dialog>
  );
}
