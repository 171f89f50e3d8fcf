/**
 * The SMS account as the app runs it: added through the channel service (the driver from the
 * default registry checks the phone), started by the supervisor, fed by the outbox.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempCore, type TestCore } from '../../testing/fixtures';
import { createChannelService, type ChannelService } from '../service';
import { until } from '../../testing/waiting';
import { startGatewayEmulator, type GatewayEmulator } from './testing/android-gateway-emulator';

const PASSWORD = 'senha-do-celular';
const quiet = { info: () => undefined, error: () => undefined };

let core: TestCore;
let phone: GatewayEmulator;
let service: ChannelService;

beforeEach(async () => {
  core = tempCore();
  phone = await startGatewayEmulator({ password: PASSWORD, model: 'moto g54' });
  service = createChannelService(core, { log: quiet, reconcileEveryMs: 0 });
  await service.start();
});
afterEach(async () => {
  await service.stop();
  await phone.close();
  core.dispose();
});

describe('an SMS account in the running app', () => {
  it('is checked, saved without its password, connected, and carries messages both ways', async () => {
    phone.receive({ sender: '+5511988887777', text: 'Bom dia!', at: Date.now() - 60_000 });

    const added = await service.add({
      channel: 'sms',
      fields: { url: phone.url, username: 'sms', password: PASSWORD },
    });
    expect(added).toMatchObject({
      channel: 'sms',
      label: `moto g54 (${new URL(phone.url).host})`,
      config: { url: phone.url, username: 'sms' },
    });
    const stored = core.db
      .prepare<[], { config: string }>("SELECT config FROM channel_accounts WHERE channel = 'sms'")
      .get()!;
    expect(stored.config).not.toContain(PASSWORD);

    await until(() => service.list()[0]?.status === 'connected');
    const [conversation] = core.conversations.list({ limit: 10 }).items;
    expect(conversation).toMatchObject({ channel: 'sms', lastMessageText: 'Bom dia!' });

    const reply = core.conversations.send(conversation!.id, 'Bom dia! Em que posso ajudar?');
    await until(() => phone.outbox().length === 1);
    expect(phone.outbox()[0]).toMatchObject({
      text: 'Bom dia! Em que posso ajudar?',
      phoneNumbers: ['+5511988887777'],
    });
    await until(
      () =>
        core.conversations
          .messages({ conversationId: conversation!.id, limit: 10 })
          .items.find((m) => m.id === reply.id)?.status === 'sent',
    );
  });

  it("is refused, in the shop's language, when the app is too old to keep every SMS", async () => {
    await phone.close();
    phone = await startGatewayEmulator({ password: PASSWORD, version: '1.64.0' });
    core.settings.update({ language: 'pt-BR' });
    await expect(
      service.add({
        channel: 'sms',
        fields: { url: phone.url, username: 'sms', password: PASSWORD },
      }),
    ).rejects.toThrow(
      `O app SMS Gateway em ${phone.url} está na versão 1.64.0: o Clientela precisa da 1.66.2 ou mais nova (esta versão descarta um SMS igual ao anterior do mesmo remetente, como um segundo "ok"). Atualize o app no celular`,
    );
    expect(service.list()).toEqual([]);
  });

  it('is refused with the reason when the phone does not accept the password', async () => {
    await expect(
      service.add({ channel: 'sms', fields: { url: phone.url, username: 'sms', password: 'x' } }),
    ).rejects.toThrow(/refused the username or password/);
    expect(service.list()).toEqual([]);
  });
});
