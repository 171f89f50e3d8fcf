/** `channels add|remove|pause|resume|list`. */
import { ApiError, fieldName } from '../api/errors';
import { noDriverReason } from '../channels/accounts';
import type { DriverRegistry } from '../channels/registry';
import { createChannelService } from '../channels/service';
import { CHANNELS, type Channel } from '../shared/domain';
import { flagOf, open, settingFlags, UsageError, type Args } from './args';

function channelOf(name: string | undefined, registry: DriverRegistry): Channel {
  if (!name || !(CHANNELS as readonly string[]).includes(name))
    throw new UsageError(
      `name the channel: ${[...registry.keys()].join(', ') || 'none in this build'}`,
    );
  return name as Channel;
}

/**
 * `channels pause|resume`: the switch on the Channels page. Only the switch is saved; the running
 * app (desktop or host mode) stops or starts the account within seconds.
 */
async function pauseOrResume(
  args: Args,
  action: 'pause' | 'resume',
  registry: DriverRegistry,
): Promise<number> {
  // A channel this build has no driver for can still be paused: nothing about it runs.
  const channel = channelOf(args.positionals[2] ?? args.values.channel, registry);
  const account = args.values.account;
  if (!account)
    throw new UsageError(`name the account to ${action} with --account KEY (see channels list)`);
  const core = open(args);
  try {
    await createChannelService(core, { registry }).setEnabled(
      channel,
      account,
      action === 'resume',
    );
    console.log(
      action === 'pause'
        ? `The ${channel} account "${account}" is paused: it neither receives nor sends until ` +
            '`channels resume`. Its secrets and session are kept.'
        : `The ${channel} account "${account}" is resumed. It connects while Clientela runs ` +
            '(the desktop app, or clientela serve).',
    );
    return 0;
  } finally {
    core.close();
  }
}

/**
 * `channels add|remove|pause|resume|list`: what the Channels page does, for a machine with no
 * screen.
 */
export async function channels(args: Args, registry: DriverRegistry): Promise<number> {
  const [, action, name] = args.positionals;
  const values = args.values as Record<string, string | boolean | undefined>;
  if (action === 'pause' || action === 'resume') return await pauseOrResume(args, action, registry);
  if (action === 'list') {
    const core = open(args);
    try {
      const accounts = createChannelService(core, { registry }).accounts.list();
      if (args.values.json) console.log(JSON.stringify(accounts));
      else if (accounts.length === 0)
        console.log('No channel accounts yet: add one with `channels add`.');
      for (const a of args.values.json ? [] : accounts)
        console.log(
          `${a.channel}\t${a.account}\t${a.label}\t${JSON.stringify(a.config)}${a.enabled ? '' : '\tpaused'}`,
        );
      return 0;
    } finally {
      core.close();
    }
  }
  if (action !== 'add' && action !== 'remove')
    throw new UsageError('channels: add, remove, pause, resume or list');
  const channel = channelOf(name, registry);
  const driver = registry.get(channel);
  if (!driver) throw new ApiError('bad_input', noDriverReason(channel));
  const own = new Map(driver.fields.map((field) => [flagOf(field.key), field.key]));
  if (action === 'add' && args.values.help) {
    console.log(`channels add ${channel} --db FILE [--account KEY]`);
    for (const field of driver.fields)
      console.log(
        `  --${flagOf(field.key)}${field.type === 'boolean' ? '' : ` ${field.type.toUpperCase()}`}${field.required ? ' (required)' : ''}`,
      );
    return 0;
  }
  const fields: Record<string, unknown> = {};
  for (const flag of Object.keys(settingFlags(registry))) {
    if (values[flag] === undefined) continue;
    const key = own.get(flag);
    if (key === undefined)
      throw new UsageError(`--${flag} is not a setting of ${channel} accounts`);
    fields[key] = values[flag];
  }
  if (action === 'remove' && !args.values.account)
    throw new UsageError('name the account to remove with --account KEY (see channels list)');
  const core = open(args);
  try {
    const service = createChannelService(core, { registry });
    if (action === 'remove') {
      await service.remove(channel, args.values.account!);
      console.log(`The ${channel} account "${args.values.account}" was removed, with its secrets.`);
      return 0;
    }
    const added = await service
      .add({ channel, account: args.values.account, fields })
      .catch((error: unknown) => {
        // The form's field names (as the screens name them, or their keys) become the flags the
        // person typed.
        const keyByName = new Map(
          driver.fields.flatMap((f) => [
            [f.key, f.key],
            [fieldName(f.key), f.key],
          ]),
        );
        if (error instanceof ApiError)
          error.message = error.message.replace(
            /(^|; )([^:;]+):/g,
            (whole, start: string, name: string) => {
              const key = keyByName.get(name);
              return key ? `${start}--${flagOf(key)}:` : whole;
            },
          );
        throw error;
      });
    console.log(
      `The ${channel} account "${added.account}" (${added.label}) was added. It connects while ` +
        'Clientela runs (the desktop app, or clientela serve).',
    );
    return 0;
  } finally {
    core.close();
  }
}
