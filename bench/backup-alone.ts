/**
 * The backup phase of `npm run bench` on its own, over a database already built (a copy of a
 * 1M-customer bench database, say): `tsx bench/backup-alone.ts bench/.data/bench.db`. The file is
 * opened as the app opens it (migrated if older). Prints the figures; writes no document.
 */
import { openCore } from '../src/core';
import { measureBackup } from './backup';
import { Report } from './report';

const file = process.argv[2];
if (!file) throw new Error('usage: tsx bench/backup-alone.ts DATABASE');
const core = openCore(file);
const customers = core.customers.stats.stats(Date.now(), 'UTC').totalCustomers;
console.log(`${customers.toLocaleString('en')} customers in ${file}`);
const report = new Report();
await measureBackup(core, report, { dir: 'bench/.data', zone: 'America/Sao_Paulo' });
core.close();
console.log(`\n${report.table()}`);
