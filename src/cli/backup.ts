/** `backup` and `restore`. */
import { existsSync } from 'node:fs';
import { completeRestore, prepareRestore } from '../backup/restore';
import { placeOf, takeBackup } from '../backup/take';
import { knownMigrations } from '../db/open';
import { CliError, open, UsageError, type Args } from './args';

const megabytes = (bytes: number) => `${(bytes / 1_048_576).toFixed(1)} MB`;

/** The database `--db` names, which must exist: a backup or restore never starts a new one. */
function existingDatabase(args: Args): string {
  const file = args.values.db;
  if (!file) throw new UsageError('--db FILE is required');
  return file;
}

/**
 * `backup`: a backup of the database (pictures and media included, channel secrets not) into
 * `--out DIR`, or the folder Settings names; the oldest beyond `--keep N` (or the setting) go.
 */
export async function backup(args: Args): Promise<number> {
  const file = existingDatabase(args);
  if (!existsSync(file)) throw new CliError(`cannot back up ${file}: no such file`);
  const keep = args.values.keep === undefined ? undefined : Number(args.values.keep);
  if (keep !== undefined && !(Number.isInteger(keep) && keep >= 1 && keep <= 365))
    throw new UsageError('--keep must be a number from 1 to 365');
  const core = open(args);
  try {
    const place = placeOf(file, core.settings.get());
    const set = await takeBackup(
      file,
      { folder: args.values.out ?? place.folder, keep: keep ?? place.keep },
      { at: new Date(core.now()) },
    );
    console.log(`Backup written to ${set.path} (${megabytes(set.bytes)})`);
    return 0;
  } finally {
    core.close();
  }
}

/**
 * `restore`: replaces the database with the backup `--from` (a backup's folder or a database
 * file), once the copy is checked; the replaced file is kept beside it. Run with Clientela closed.
 */
export function restore(args: Args): number {
  const file = existingDatabase(args);
  const from = args.values.from;
  if (!from) throw new UsageError('--from BACKUP is required (a backup folder or a .db file)');
  const prepared = prepareRestore(file, from, knownMigrations().length);
  const result = completeRestore(prepared, new Date());
  console.log(`Restored ${file} from ${from}.`);
  if (result.previous) console.log(`The database it replaced is kept as ${result.previous}`);
  return 0;
}
