// Extracts a zip written by `tablica package` (stored or deflated entries,
// no zip64), so the browser tests open the package as a resident would
// after "Extract All". Node has inflate but no zip reader; this is the
// whole format we need: the central directory, then each local header.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve, sep } from 'node:path';
import { inflateRawSync } from 'node:zlib';

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;

/** Writes every file of the zip at `zipPath` under `to`; returns their names. */
export function unzip(zipPath, to) {
  const zip = readFileSync(zipPath);
  let end = zip.length - 22;
  while (end >= 0 && zip.readUInt32LE(end) !== END_OF_DIRECTORY) end--;
  if (end < 0) throw new Error(`${zipPath}: no end of central directory`);
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const names = [];
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(at) !== DIRECTORY_ENTRY) throw new Error(`${zipPath}: bad central directory entry ${i}`);
    const method = zip.readUInt16LE(at + 10);
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const skip = nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    at += 46 + skip;
    if (zip.readUInt32LE(local) !== LOCAL_HEADER) throw new Error(`${zipPath}: bad local header of ${name}`);
    const data = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const raw = zip.subarray(data, data + size);
    const body = method === 0 ? raw : method === 8 ? inflateRawSync(raw) : null;
    if (!body) throw new Error(`${zipPath}: ${name} uses compression method ${method}`);
    const target = resolve(to, name);
    if (!target.startsWith(resolve(to) + sep)) throw new Error(`${zipPath}: ${name} leaves the folder`);
    if (name.endsWith('/')) continue;
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, body);
    names.push(name);
  }
  return names;
}
