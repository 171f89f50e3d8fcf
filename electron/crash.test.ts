/**
 * A failure nobody caught in the main process: logged, told to the owner in the app's language,
 * and the app starts afresh; a crash loop stops relaunching.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CRASHES_BEFORE_GIVING_UP } from './crash';
import { startTestDesktop, type TestDesktop } from './testing/desktop';
import { world } from './testing/electron';

let running: TestDesktop | undefined;
afterEach(async () => {
  await running?.dispose();
  running = undefined;
});

/** Starts the app over `userData` in Portuguese and makes it fail once; resolves when it exited. */
async function crashOnce(userData?: string): Promise<TestDesktop> {
  running = await startTestDesktop({ userData });
  running.desktop.workspace.core.settings.update({ language: 'pt-BR' });
  running.process.emit('uncaughtException', new Error('connector exploded'));
  await world.quit.promise;
  return running;
}

describe('after an unexpected error in the main process', () => {
  it('logs it, tells the owner in their language, stops cleanly and relaunches', async () => {
    const app = await crashOnce();
    const log = readFileSync(join(app.userData, 'logs', 'clientela.log'), 'utf8');
    expect(log).toMatch(
      /ERROR uncaught exception in the main process: Error: connector exploded\n\s+at /,
    );
    expect(world.dialogs).toEqual([
      {
        kind: 'error',
        title: 'O Clientela encontrou um erro inesperado',
        content: expect.stringContaining('O Clientela vai reiniciar agora'),
      },
    ]);
    expect(world.dialogs[0]!.content).toContain(join(app.userData, 'logs', 'clientela.log'));
    expect(world.relaunches).toHaveLength(1);
    expect(world.exitCode).toBe(1);
    // The connectors were stopped and the database closed before exiting.
    expect(app.desktop.workspace.core.db.open).toBe(false);
  });

  it('treats an unhandled rejection the same way', async () => {
    running = await startTestDesktop();
    running.process.emit(
      'unhandledRejection',
      new Error('a promise nobody awaited'),
      Promise.resolve(),
    );
    await world.quit.promise;
    expect(world.relaunches).toHaveLength(1);
  });

  it(`stops relaunching after ${CRASHES_BEFORE_GIVING_UP} crashes in a row, and says to send the log`, async () => {
    const userData = (await crashOnce()).userData;
    for (let n = 2; n <= CRASHES_BEFORE_GIVING_UP; n++) await crashOnce(userData);
    expect(world.relaunches).toEqual([]);
    expect(world.dialogs[0]!.content).toContain('falhou várias vezes seguidas');
    expect(world.exitCode).toBe(1);
  });

  it('shows one dialog when a second failure comes while the first is being handled', async () => {
    running = await startTestDesktop();
    running.process.emit('uncaughtException', new Error('first'));
    running.process.emit('uncaughtException', new Error('second, while stopping'));
    await world.quit.promise;
    expect(world.dialogs).toHaveLength(1);
    await vi.waitFor(() =>
      expect(readFileSync(join(running!.userData, 'logs', 'clientela.log'), 'utf8')).toContain(
        'second, while stopping',
      ),
    );
  });
});
