/** `customer export` and `customer erase`: one person's data under the LGPD. */
import { closeSync, fchmodSync, openSync, rmSync, writeSync } from 'node:fs';
import { formatPhone } from '../customers/phone';
import { fileProblem, open, UsageError, type Args } from './args';

/** The `--id` flag: a customer's number. */
function customerId(args: Args): number {
  const raw = args.values.id;
  if (!raw || !/^\d{1,15}$/.test(raw) || Number(raw) === 0)
    throw new UsageError(
      '--id N (the customer\'s number, as "clientela export customers" lists it) is required',
    );
  return Number(raw);
}

/** `customer export`: the zip of one customer's data, to a file readable by its owner only. */
export function exportCustomerData(args: Args): number {
  const id = customerId(args);
  const out = args.values.out;
  if (!out) throw new UsageError('--out FILE.zip is required');
  const core = open(args);
  let fd: number | undefined;
  try {
    // The customer is looked up before the file is made, so a wrong --id leaves no empty file.
    core.customers.detail.get(id);
    try {
      fd = openSync(out, 'w', 0o600);
      if (process.platform !== 'win32') fchmodSync(fd, 0o600);
    } catch (error) {
      throw fileProblem(out, error);
    }
    const file = fd;
    core.privacy.exportZip(id, 'cli', (chunk) => void writeSync(file, chunk));
    console.error(`customer ${id}'s data written to ${out}`);
    return 0;
  } catch (error) {
    if (fd !== undefined) rmSync(out, { force: true });
    throw error;
  } finally {
    if (fd !== undefined) closeSync(fd);
    core.close();
  }
}

/** `customer erase`: asked with `--yes`, since nothing brings the person back. */
export function eraseCustomer(args: Args): number {
  const id = customerId(args);
  const core = open(args);
  try {
    const detail = core.customers.detail.get(id);
    const who = [detail.label, detail.phone && formatPhone(detail.phone), detail.email]
      .filter(Boolean)
      .join(', ');
    if (!args.values.yes) {
      console.error(
        `This erases customer ${id} (${who}): every message, note, tag and picture, for good.\n` +
          'Run it again with --yes to erase.',
      );
      return 1;
    }
    const report = core.privacy.erase(id, 'cli');
    console.log(
      `customer ${id} erased: ${report.messages} messages, ${report.pictures} pictures` +
        (report.walEmptied ? '' : ' (the WAL is emptied once other readers close the database)'),
    );
    return 0;
  } finally {
    core.close();
  }
}
