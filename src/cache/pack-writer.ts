import { createHash, type createHmac } from 'node:crypto';
import { closeSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename } from 'node:path';
import { temporaryFor } from '../load/write-atomic.js';
import type { Place, Signer } from './cache-pack.js';

/**
 * Writes a pack as its entries come: to a temporary file beside it, renamed
 * into place when finished, so a reader only ever sees a whole pack. A write
 * that fails (a read-only checkout) drops the pack: a cache only costs speed.
 */
export class PackWriter {
  private fd: number | undefined;
  private broke = false;
  private readonly temporary: string;
  private readonly mac: ReturnType<typeof createHmac>;
  private readonly header: [string, number, string][] = [];
  private readonly keys = new Set<string>();

  /** The pack's file name. */
  readonly name: string;

  constructor(
    private readonly path: string,
    context: string,
    sign: Signer,
  ) {
    this.name = basename(path);
    this.temporary = temporaryFor(path);
    this.mac = sign(context);
  }

  get size(): number {
    return this.header.length;
  }

  has(key: string): boolean {
    return this.keys.has(key);
  }

  add(key: string, text: string | Uint8Array): void {
    if (this.broke || this.keys.has(key)) return;
    const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
    try {
      this.fd ??= openSync(this.temporary, 'wx');
      writeAll(this.fd, bytes);
    } catch {
      this.abandon();
      return;
    }
    this.header.push([key, bytes.length, createHash('sha256').update(bytes).digest('base64')]);
    this.keys.add(key);
  }

  /** Finishes the pack and puts it in place: each entry's place in it, or undefined when nothing was written. */
  finish(): Map<string, Place> | undefined {
    if (this.broke || this.fd === undefined) return undefined;
    const header = Buffer.from(JSON.stringify(this.header), 'utf8');
    const digest = this.mac.update(header).update(`\n${header.length}`).digest('hex');
    try {
      writeAll(this.fd, Buffer.concat([header, Buffer.from(`\n${header.length} ${digest}\n`, 'latin1')]));
      closeSync(this.fd);
      this.fd = undefined;
      // A torn pack after a power cut fails its check, so no fsync: atomic rename is enough.
      renameSync(this.temporary, this.path);
    } catch {
      this.abandon();
      return undefined;
    }
    const entries = new Map<string, Place>();
    let at = 0;
    for (const [key, length, digest] of this.header) entries.set(key, { start: at, end: (at += length), digest });
    return entries;
  }

  /** Some write failed: the pack was dropped. */
  get failed(): boolean {
    return this.broke;
  }

  /** Drops the pack: its temporary file is closed and removed (a run that stopped half-way). */
  abandon(): void {
    this.broke = true;
    if (this.fd !== undefined) {
      try {
        closeSync(this.fd);
      } catch {
        // already closed
      }
      this.fd = undefined;
    }
    rmSync(this.temporary, { force: true });
  }
}

function writeAll(fd: number, bytes: Uint8Array): void {
  for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done, bytes.length - done);
}
