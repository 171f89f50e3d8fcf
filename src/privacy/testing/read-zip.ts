/**
 * Reads a zip file back with another program's reader, Python's zipfile (what a person's unzip
 * would see): each file's name and bytes, after its CRC is checked (`testzip`).
 */
import { execFileSync } from 'node:child_process';

const READER = `
import base64, json, sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as z:
    bad = z.testzip()
    if bad: sys.exit('damaged: ' + bad)
    print(json.dumps({i.filename: base64.b64encode(z.read(i)).decode() for i in z.infolist()}))
`;

/** The files of the zip `file`, by name. */
export function readZip(file: string): Record<string, Buffer> {
  const python = process.platform === 'win32' ? 'python' : 'python3';
  const out = execFileSync(python, ['-c', READER, file], { encoding: 'utf8' });
  const files = JSON.parse(out) as Record<string, string>;
  return Object.fromEntries(
    Object.entries(files).map(([name, data]) => [name, Buffer.from(data, 'base64')]),
  );
}
