import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Settings } from '../../../src/api/contract';
import type { NetworkAccess } from '../../../src/api/types';
import { api } from '../api/client';
import { CopySnippet } from '../components/CopySnippet';
import { ErrorBanner } from '../components/ErrorBanner';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { BackupSettings } from '../settings/BackupSettings';
import { useSession, type Theme } from '../store/session';
import { DataRequestLog } from '../customers/DataRequestLog';

/** Each language by its own name, as a person looking for theirs reads it. */
const LANGUAGE_NAMES = { 'pt-BR': 'Português (Brasil)', en: 'English' } as const;

/** Each setting saves as soon as it changes; a refused value shows the core's reason. */
export function SettingsPage() {
  const { t } = useTranslation();
  const { settings, environment, update, theme, setTheme } = useSession();
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [region, setRegion] = useState(settings?.defaultRegion ?? 'BR');
  const [timeZone, setTimeZone] = useState(settings?.timeZone ?? '');
  const network = useNetworkAccess(settings?.networkAccess ?? false);
  // Both arrive together (session.ts).
  if (!settings || !environment) return null;

  const save = (patch: Partial<Settings>) =>
    update(patch).then(
      () => {
        setError(null);
        setSaved(true);
      },
      (e: Error) => {
        setError(e.message);
        setSaved(false);
      },
    );

  return (
    <div className="settings-page">
      <header className="page-head">
        <h1>{t('settings.title')}</h1>
      </header>
      {error && <ErrorBanner message={error} />}
      {saved && !error && (
        <p className="notice" role="status">
          {t('settings.saved')}
        </p>
      )}
      <div className="card settings">
        <Toggle
          label={t('settings.autoCreate')}
          help={t('settings.autoCreateHelp')}
          checked={settings.autoCreateCustomers}
          fixedBy={environment.fixedBy.autoCreateCustomers}
          onChange={(v) => void save({ autoCreateCustomers: v })}
        />
        <Toggle
          label={t('settings.pictures')}
          help={t('settings.picturesHelp')}
          checked={settings.fetchProfilePictures}
          fixedBy={environment.fixedBy.fetchProfilePictures}
          onChange={(v) => void save({ fetchProfilePictures: v })}
        />
        <Row label={t('settings.language')}>
          <select
            value={settings.language ?? ''}
            onChange={(e) =>
              void save({ language: (e.target.value || null) as Settings['language'] })
            }
          >
            <option value="">
              {t('settings.languageSystem', {
                language: LANGUAGE_NAMES[environment.systemLanguage],
              })}
            </option>
            <option value="pt-BR">{LANGUAGE_NAMES['pt-BR']}</option>
            <option value="en">{LANGUAGE_NAMES.en}</option>
          </select>
        </Row>
        <Row label={t('settings.theme')}>
          <select value={theme} onChange={(e) => setTheme(e.target.value as Theme)}>
            <option value="system">{t('settings.themeSystem')}</option>
            <option value="light">{t('settings.themeLight')}</option>
            <option value="dark">{t('settings.themeDark')}</option>
          </select>
        </Row>
        <Row label={t('settings.region')} help={t('settings.regionHelp')}>
          <input
            value={region}
            maxLength={2}
            size={4}
            onChange={(e) => setRegion(e.target.value.toUpperCase())}
            onBlur={() => region !== settings.defaultRegion && void save({ defaultRegion: region })}
          />
        </Row>
        <Row label={t('settings.timeZone')} help={t('settings.timeZoneHelp')}>
          <input
            value={timeZone}
            list="time-zones"
            onChange={(e) => setTimeZone(e.target.value)}
            onBlur={() => timeZone !== settings.timeZone && void save({ timeZone })}
          />
          <datalist id="time-zones">
            {Intl.supportedValuesOf('timeZone').map((z) => (
              <option key={z} value={z} />
            ))}
          </datalist>
        </Row>
        <Row label={t('settings.delimiter')}>
          <select
            value={settings.csvDelimiter ?? ''}
            onChange={(e) =>
              void save({ csvDelimiter: (e.target.value || null) as Settings['csvDelimiter'] })
            }
          >
            <option value="">{t('settings.delimiterAuto')}</option>
            <option value=";">{t('settings.delimiterSemicolon')}</option>
            <option value=",">{t('settings.delimiterComma')}</option>
          </select>
        </Row>
        {/* Only the desktop app runs host mode for others; a browser is already one of its pages. */}
        {api.networkAccess && (
          <Toggle
            label={t('settings.network')}
            help={t('settings.networkHelp')}
            checked={settings.networkAccess}
            onChange={(v) => void save({ networkAccess: v }).then(() => void network.refresh())}
          />
        )}
        {settings.networkAccess && api.networkAccess && (
          <NetworkAddress state={network.state} onReplace={network.replaceToken} />
        )}
        {/* The computer's own updates: the desktop app's business, not a browser's. */}
        {api.onThisComputer && (
          <Toggle
            label={t('settings.autoUpdate')}
            help={t('settings.autoUpdateHelp')}
            checked={settings.autoUpdate}
            onChange={(v) => void save({ autoUpdate: v })}
          />
        )}
        {!api.onThisComputer && (
          <p className="setting muted" role="note">
            {t('settings.networkElsewhere')}
          </p>
        )}
      </div>
      <BackupSettings />
      <DataRequestLog />
    </div>
  );
}

/** Where the desktop app's host mode is reached, asked again whenever the switch changes. */
function useNetworkAccess(enabled: boolean) {
  const [state, setState] = useState<NetworkAccess | null>(null);
  const refresh = useCallback(async () => {
    if (!api.networkAccess) return;
    setState(null);
    try {
      setState(await api.networkAccess());
    } catch (e) {
      setState({ url: null, error: e instanceof Error ? e.message : String(e) });
    }
  }, []);
  useEffect(() => {
    if (enabled) void refresh();
  }, [enabled, refresh]);
  /** A new access token: the address shown changes, the old one stops working at once. */
  const replaceToken = useCallback(async () => {
    if (api.replaceHostToken) setState(await api.replaceHostToken());
  }, []);
  return { state, refresh, replaceToken };
}

function NetworkAddress({
  state,
  onReplace,
}: {
  state: NetworkAccess | null;
  onReplace: () => Promise<void>;
}) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const [replaced, setReplaced] = useState(false);
  if (!state) return <p className="muted">{t('settings.networkStarting')}</p>;
  if (state.error) return <ErrorBanner message={state.error} />;
  if (!state.url) return null;
  const url = state.url;
  return (
    <>
      <div className="setting network-address">
        <span className="setting-text">
          <span>{t('settings.networkAddress')}</span>
          <span className="muted">{t('settings.networkAddressHelp')}</span>
          <CopySnippet text={url} />
          {replaced && (
            <span className="notice" role="status">
              {t('settings.tokenReplaced')}
            </span>
          )}
        </span>
      </div>
      <Row label={t('settings.replaceToken')} help={t('settings.replaceTokenHelp')}>
        <button type="button" className="ghost danger" onClick={() => setConfirming(true)}>
          {t('settings.replaceTokenConfirm')}
        </button>
      </Row>
      {confirming && (
        <ConfirmDialog
          title={t('settings.replaceTokenTitle')}
          body={t('settings.replaceTokenBody')}
          confirm={t('settings.replaceTokenConfirm')}
          onConfirm={async () => {
            await onReplace();
            setReplaced(true);
            setConfirming(false);
          }}
          onClose={() => setConfirming(false)}
        />
      )}
    </>
  );
}

function Row({
  label,
  help,
  note,
  children,
}: {
  label: string;
  help?: string;
  /** Why it cannot be changed here. */
  note?: string;
  children: ReactNode;
}) {
  return (
    <label className="setting">
      <span className="setting-text">
        <span>{label}</span>
        {help && <span className="muted">{help}</span>}
        {note && <span className="setting-note">{note}</span>}
      </span>
      {children}
    </label>
  );
}

/** A switch; one an environment variable fixed at start-up (`fixedBy`) is shown, not changed. */
function Toggle(props: {
  label: string;
  help: string;
  checked: boolean;
  fixedBy?: string;
  onChange: (value: boolean) => void;
}) {
  const { t } = useTranslation();
  return (
    <Row
      label={props.label}
      help={props.help}
      note={props.fixedBy && t('settings.setByEnvironment', { variable: props.fixedBy })}
    >
      <input
        type="checkbox"
        role="switch"
        checked={props.checked}
        disabled={props.fixedBy !== undefined}
        onChange={(e) => props.onChange(e.target.checked)}
      />
    </Row>
  );
}
