/**
 * A second process saving secrets, for the test of two writers at once (the CLI beside a running
 * app): `node --import tsx secrets-writer.ts FILE PREFIX COUNT`. Once loaded it prints "ready" and
 * waits for a line on its input, so that both writers start together; then it saves COUNT
 * accounts PREFIX/0, PREFIX/1... and prints when its first and last saves ended, as JSON.
 */
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { createFileSecretStore } from '../secrets';

const [file, prefix, count] = process.argv.slice(2) as [string, string, string];
const store = createFileSecretStore(file);
console.log('ready');
await once(process.stdin, 'data');
process.stdin.destroy();
let first = 0;
for (let i = 0; i < Number(count); i++) {
  await store.set(`${prefix}/${i}`, { token: `${prefix}-${i}` });
  first ||= Date.now();
  // A pause longer than a waiter's retry (file-lock.ts: 2-12 ms) lets the other writer in, as
  // two programs saving accounts now and then do; back to back on a busy machine, one writer
  // could hold the lock for all its saves and the two would never really write at once.
  await sleep(15);
}
console.log(JSON.stringify({ first, last: Date.now() }));
