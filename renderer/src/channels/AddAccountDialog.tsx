import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccountField, Channel, ChannelDriverInfo } from '../../../src/api/types';
import { api } from '../api/client';
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

interface FieldProps {
  channel: Channel;
  field: AccountField;
  value: string | boolean | undefined;
  onChange: (value: string | boolean) => void;
}

/**
 * A setting host mode refuses (it runs a program, calls an address, opens a port), seen in a
 * browser: said plainly instead of offered, since saving it here would always fail.
 */
function ChangedOnComputer({ channel, field }: Pick<FieldProps, 'channel' | 'field'>) {
  const { t } = useTranslation();
  const { label } = useFieldText();
  return (
    <div className="field-elsewhere" role="group" aria-label={label(channel, field)}>
      <span>{label(channel, field)}</span>
      <p>{t(`channels.localOnly.${field.localOnly}`)}</p>
    </div>
  );
}

/**
 * A program to run (WhatsApp's browser) in the desktop app: picked in the system's own dialog,
 * never typed, so it is one the person chose on this computer. Empty, the app finds one itself.
 */
function ProgramChoice({ channel, field, value, onChange }: FieldProps) {
  const { t } = useTranslation();
  const { label, hint } = useFieldText();
  const chosen = typeof value === 'string' && value !== '' ? value : null;
  const name = label(channel, field);
  const help = hint(channel, field);
  const choose = async () => {
    const path = await api.chooseProgram?.(t('channels.chooseProgramTitle', { name }));
    if (path) onChange(path);
  };
  return (
    <div className="field-program" role="group" aria-label={name}>
      <span>{name}</span>
      <span className="snippet-row">
        <code className="snippet">{chosen ?? t('channels.programFound')}</code>
        <button type="button" className="ghost" onClick={() => void choose()}>
          {t('channels.chooseProgram')}
        </button>
        {chosen && (
          <button type="button" className="ghost" onClick={() => onChange('')}>
            {t('channels.programAutomatic')}
          </button>
        )}
      </span>
      {help && <small className="muted">{help}</small>}
    </div>
  );
}

function FieldInput({ channel, field, value, onChange }: FieldProps) {
  const { label, hint } = useFieldText();
  const id = `field-${channel}-${field.key}`;
  const help = hint(channel, field);
  if (field.localOnly && !api.onThisComputer)
    return <ChangedOnComputer channel={channel} field={field} />;
  if (field.localOnly === 'runsProgram')
    return <ProgramChoice channel={channel} field={field} value={value} onChange={onChange} />;
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

/**
 * In a browser, for a channel that cannot be set up without a setting host mode refuses (SMS:
 * the gateway's address is one the computer would call): where it is added instead.
 */
function AddedOnComputer({ channel, onClose }: { channel: Channel; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <>
      <p className="field-elsewhere" role="note">
        {t('channels.addOnComputer', { channel: t(`channel.${channel}`) })}
      </p>
      <code className="snippet">{`clientela channels add ${channel} --help`}</code>
      <div className="dialog-actions">
        <button type="button" className="ghost" onClick={onClose}>
          {t('common.close')}
        </button>
      </div>
    </>
  );
}

/** The fields a driver asks for, in its order. */
function AccountFields({
  driver,
  values,
  onChange,
}: {
  driver: ChannelDriverInfo;
  values: Values;
  onChange: (key: string, value: string | boolean) => void;
}) {
  return driver.fields.map((field) => (
    <FieldInput
      key={`${driver.channel}-${field.key}`}
      channel={driver.channel}
      field={field}
      value={values[field.key]}
      onChange={(value) => onChange(field.key, value)}
    />
  ));
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
  // An account that cannot be set up without such a setting is added on the computer itself.
  const addedElsewhere =
    !api.onThisComputer && driver.fields.some((field) => field.required && field.localOnly);

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
        {addedElsewhere ? (
          <AddedOnComputer channel={channel} onClose={onClose} />
        ) : (
          <>
            <AccountFields
              driver={driver}
              values={values}
              onChange={(key, value) => setValues((v) => ({ ...v, [key]: value }))}
            />
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
          </>
        )}
      </form>
    </Dialog>
  );
}
