import { useTranslation } from 'react-i18next';
import type { Channel } from '../../../src/api/types';

/** Simple marks, drawn here so that no brand asset is needed: a bubble, a plane, a globe, a phone. */
const PATHS: Record<Channel, string> = {
  whatsapp:
    'M12 3a9 9 0 0 0-7.8 13.5L3 21l4.6-1.2A9 9 0 1 0 12 3zm4.4 12.3c-.2.5-1.1 1-1.6 1-.4.1-1 .1-1.6-.1a14 14 0 0 1-1.4-.5 11 11 0 0 1-4.3-3.8c-.3-.4-1-1.4-1-2.6s.6-1.8.9-2.1c.2-.2.5-.3.6-.3h.5c.1 0 .4 0 .6.4l.8 1.9c.1.2.1.3 0 .5l-.3.5-.4.4c-.1.1-.3.3-.1.6.2.3.8 1.3 1.7 2.1 1.2 1 2.1 1.3 2.4 1.5.3.1.5.1.6-.1l.9-1c.2-.3.4-.2.6-.1l1.8.9c.3.1.4.2.5.3.1.1.1.7-.2 1.5z',
  telegram: 'M21 4 3 11l5.5 2 2 6 3-3.5 4.5 3.5L21 4zM9 13l8-5.5-6.5 6.5-.5 3.5L9 13z',
  webchat:
    'M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18zm6.9 8h-3a14 14 0 0 0-1.3-5.4A7 7 0 0 1 18.9 11zM12 5c.8 1.1 1.7 3.2 1.9 6h-3.8C10.3 8.2 11.2 6.1 12 5zM9.4 5.6A14 14 0 0 0 8.1 11h-3a7 7 0 0 1 4.3-5.4zM5.1 13h3a14 14 0 0 0 1.3 5.4A7 7 0 0 1 5.1 13zm6.9 6c-.8-1.1-1.7-3.2-1.9-6h3.8c-.2 2.8-1.1 4.9-1.9 6zm2.6-.6a14 14 0 0 0 1.3-5.4h3a7 7 0 0 1-4.3 5.4z',
  sms: 'M7 2h10a2 2 0 0 1 2 2v16a2 2 0 0 1-2 2H7a2 2 0 0 1-2-2V4a2 2 0 0 1 2-2zm0 3v13h10V5H7zm4 14.5a1 1 0 1 0 2 0 1 1 0 0 0-2 0z',
};

/** The channel's mark in its colour, named for screen readers. */
export function ChannelIcon({ channel, size = 16 }: { channel: Channel; size?: number }) {
  const { t } = useTranslation();
  return (
    <svg
      className={`channel-icon channel-${channel}`}
      width={size}
      height={size}
      viewBox="0 0 24 24"
      role="img"
      aria-label={t(`channel.${channel}`)}
    >
      <title>{t(`channel.${channel}`)}</title>
      <path d={PATHS[channel]} fill="currentColor" />
    </svg>
  );
}
