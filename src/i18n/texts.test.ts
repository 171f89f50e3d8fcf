import { afterEach, describe, expect, it } from 'vitest';
import type { ApiError } from '../api/errors';
import { invoke } from '../api/invoke';
import { createHandlers } from '../handlers';
import { registryOf } from '../channels/registry';
import { createChannelService, type ChannelService } from '../channels/service';
import { createGatewayHttp } from '../channels/sms/android-gateway/http';
import { GreetingSchema } from '../channels/sms/android-gateway/schemas';
import { smsDriver } from '../channels/sms/driver';
import { emulatedChannel, REFUSED_TOKEN } from '../channels/testing/channel-emulator';
import { event, tempCore, type TestCore } from '../testing/fixtures';
import type { Language } from './language';

let core: TestCore;
let channels: ChannelService | undefined;
afterEach(async () => {
  await channels?.stop();
  channels = undefined;
  core?.dispose();
});

const quiet = { info: () => undefined, error: () => undefined };

async function failure(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    return error as ApiError;
  }
  throw new Error('expected a failure');
}

/** A core in `language` with the fake Telegram channel, as the desktop app runs it. */
function open(language: Language) {
  core = tempCore({ language });
  channels = createChannelService(core, {
    registry: registryOf([emulatedChannel('telegram').driver, smsDriver]),
    log: quiet,
  });
  return { handlers: createHandlers(core), service: channels };
}

describe('what the core says follows the app’s language', () => {
  it('names the field and says what is wrong with it, in Portuguese or in English', async () => {
    const pt = open('pt-BR').handlers;
    expect((await failure(invoke(pt, 'customers.create', { displayName: ' ' }))).message).toBe(
      'Nome: Digite um nome',
    );
    // zod's own messages speak Portuguese too.
    expect((await failure(invoke(pt, 'customers.list', { limit: 9999 }))).message).toBe(
      'Limite: Grande demais: esperava que o número fosse <= 500',
    );
    core.settings.update({ language: 'en' });
    expect((await failure(invoke(pt, 'customers.create', { displayName: ' ' }))).message).toBe(
      'Name: Enter a name',
    );
    expect((await failure(invoke(pt, 'customers.list', { limit: 9999 }))).message).toBe(
      'Limit: Too big: expected number to be <=500',
    );
  });

  it('answers a phone that is not one in the language of the moment', async () => {
    const { handlers } = open('pt-BR');
    const start = { channel: 'whatsapp', phone: '12', text: 'Oi' };
    expect((await failure(invoke(handlers, 'conversations.start', start))).message).toBe(
      '"12" não é um telefone; inclua o DDD, por exemplo +55 11 99999-8888',
    );
    core.settings.update({ language: 'en' });
    expect((await failure(invoke(handlers, 'conversations.start', start))).message).toBe(
      '"12" is not a phone number; include the area code, e.g. +55 11 99999-8888',
    );
  });

  it('stores why a message could not leave in the language it failed in', async () => {
    for (const [language, reason] of [
      [
        'pt-BR',
        'Nenhuma conta de Telegram "vendas" está conectada. Adicione-a na página Canais e envie de novo.',
      ],
      [
        'en',
        'No Telegram account "vendas" is connected. Add it on the Channels page, then send again.',
      ],
    ] as const) {
      const { service } = open(language);
      await service.start();
      core.inbox.ingest(
        event({ channel: 'telegram', account: 'vendas', externalUserId: '42', username: 'maria' }),
      );
      const { message } = core.conversations.start({
        channel: 'telegram',
        account: 'vendas',
        username: 'maria',
        text: 'Oi',
      });
      const stored = core.conversations.messages({
        conversationId: message.conversationId,
        limit: 5,
      });
      expect(stored.items.at(-1)).toMatchObject({ text: 'Oi', status: 'failed', error: reason });
      await channels!.stop();
      channels = undefined;
      core.dispose();
    }
  });

  it('refuses an account the channel rejects with the channel’s reason, in the app’s language', async () => {
    const add = { channel: 'telegram', fields: { token: REFUSED_TOKEN } } as const;
    const { service } = open('pt-BR');
    expect((await failure(service.add(add))).message).toBe(
      'Não foi possível verificar a conta de Telegram: Unauthorized: the token was revoked',
    );
    core.settings.update({ language: 'en' });
    expect((await failure(service.add(add))).message).toBe(
      'The Telegram account could not be checked: Unauthorized: the token was revoked',
    );
  });

  it('names each missing field of an account form as the form does', async () => {
    const { service } = open('pt-BR');
    const add = { channel: 'sms', fields: { url: 'http://sms:s3nha@192.168.0.50:8080' } } as const;
    expect((await failure(service.add(add))).message).toBe(
      'Endereço do gateway: Deixe o usuário e a senha fora do endereço: eles têm campos próprios; Usuário: Obrigatório; Senha: Obrigatório',
    );
    core.settings.update({ language: 'en' });
    expect((await failure(service.add(add))).message).toBe(
      'Gateway address: Leave the user and password out of the address: they have their own fields; User: Required; Password: Required',
    );
    expect(service.list()).toEqual([]);
  });

  it('says why the SMS phone cannot be reached, in the app’s language', async () => {
    open('pt-BR');
    // Port 1 on this computer: nothing listens, the connection is refused at once.
    const http = createGatewayHttp({ url: 'http://127.0.0.1:1', username: 'sms', password: 'x' });
    const greet = () =>
      http.request(
        { method: 'GET', path: '/', signal: AbortSignal.timeout(5_000) },
        GreetingSchema,
      );
    await expect(greet()).rejects.toThrow(
      /^Não foi possível alcançar o celular em http:\/\/127\.0\.0\.1:1\b.*: confira se o SMS Gateway está no modo Local Server e se este computador está na mesma rede$/,
    );
    core.settings.update({ language: 'en' });
    await expect(greet()).rejects.toThrow(
      /^Cannot reach the phone at http:\/\/127\.0\.0\.1:1\b.*: check that SMS Gateway runs in Local Server mode/,
    );
  });
});
