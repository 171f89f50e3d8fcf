import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempCore, whatsapp, type TestCore } from '../testing/fixtures';
import { createConnectorContext } from './context';

describe("a connector's receipts", () => {
  let core: TestCore;
  beforeEach(() => {
    core = tempCore();
  });
  afterEach(() => core.dispose());

  function context() {
    return createConnectorContext(core, {
      channel: 'whatsapp',
      account: 'default',
      config: {},
      secrets: {},
      dataDir: join(core.dir, 'account'),
      avatarDir: join(core.dir, 'avatars'),
      log: { info: () => undefined, error: () => undefined },
      signal: new AbortController().signal,
    });
  }

  /** An agent's message the channel accepted under the id `wamid.1`. */
  function sentMessage(): number {
    core.inbox.ingest(whatsapp('5511999998888'));
    const [conversation] = core.conversations.list({ limit: 1 }).items;
    const message = core.conversations.send(conversation!.id, 'Seu pedido saiu para entrega');
    core.conversations.setStatus(message.id, 'sent', { externalId: 'wamid.1' });
    return message.id;
  }

  const statusOf = (id: number) =>
    core.db
      .prepare<[number], { status: string }>('SELECT status FROM messages WHERE id = ?')
      .get(id)!.status;

  it('move a message forward and never back when they arrive out of order', () => {
    const id = sentMessage();
    const ctx = context();
    ctx.messageStatus('wamid.1', 'read');
    ctx.messageStatus('wamid.1', 'delivered');
    ctx.messageStatus('wamid.1', 'sent');
    expect(statusOf(id)).toBe('read');
  });

  it('mark a sent message failed with the reason', () => {
    const failing = sentMessage();
    context().messageStatus('wamid.1', 'failed', 'Número inválido');
    expect(core.conversations.messages({ conversationId: 1, limit: 10 }).items).toContainEqual(
      expect.objectContaining({ id: failing, status: 'failed', error: 'Número inválido' }),
    );
  });

  it('leave a delivered message delivered when a late failure arrives', () => {
    const id = sentMessage();
    const ctx = context();
    ctx.messageStatus('wamid.1', 'delivered');
    ctx.messageStatus('wamid.1', 'failed', 'timeout');
    expect(statusOf(id)).toBe('delivered');
  });

  it('ignore a receipt for a message never stored here', () => {
    expect(() => context().messageStatus('wamid.unknown', 'read')).not.toThrow();
  });
});
