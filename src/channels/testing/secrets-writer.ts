/**
 * A second process saving secrets, for the test of two writers at once (the CLI beside a running
 * app): `node --import tsx secrets-writer.ts FILE PREFIX COUNT`. Once loaded it prints "ready" and
 * waits for a line on its input, so that both writers start together; then it saves COUNT
 * accounts PREFIX/0, PREFIX/1... and prints when its first and last saves ended, as JSON.
 */
import { once } from 'node:events';
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
}
console.log(JSON.stringify({ first, last: Date.now() }));
