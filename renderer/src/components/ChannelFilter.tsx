import { useTranslation } from 'react-i18next';
import { CHANNELS, type Channel } from '../../../src/shared/domain';

/** The "Channel: All / WhatsApp / …" menu that narrows a list to one channel. */
export function ChannelFilter({
  value,
  onChange,
}: {
  value: Channel | undefined;
  onChange: (channel: Channel | undefined) => void;
}) {
  const { t } = useTranslation();
  return (
    <select
      aria-label={t('customers.channel')}
      value={value ?? ''}
      onChange={(e) => onChange((e.target.value || undefined) as Channel | undefined)}
    >
      <option value="">{`${t('customers.channel')}: ${t('common.all')}`}</option>
      {CHANNELS.map((c) => (
        <option key={c} value={c}>
          {t(`channel.${c}`)}
        </option>
      ))}
    </select>
  );
}
