import { describe, expect, it } from 'vitest';
import { WriteError, writeError } from '../../src/load/write-atomic.js';

/** The failures a user can cause or meet, said as what to do: exit 2 in the CLI, never "a bug". */
describe('writeError', () => {
  const failure = (code: string) => Object.assign(new Error(`${code}: raw system text`), { code });

  it.each([
    ['ENOENT', 'the folder /out/dir does not exist; create it first'],
    ['ENOTDIR', 'a part of /out/dir is a file, not a folder'],
    ['EISDIR', '/out/dir/r.html is a folder'],
    ['EACCES', 'permission denied in /out/dir; check its permissions'],
    ['EPERM', 'permission denied in /out/dir'],
    ['EROFS', '/out/dir is on a read-only file system'],
    ['ENOSPC', 'no space left on the device that holds /out/dir'],
    ['EDQUOT', 'the disk quota is used up for /out/dir'],
  ])('says %s plainly, with the path', (code, words) => {
    const error = writeError('/out/dir/r.html', failure(code));
    expect(error).toBeInstanceOf(WriteError);
    expect(error.message.startsWith(`cannot write /out/dir/r.html: ${words}`), error.message).toBe(true);
    expect(error.message).not.toContain('raw system text');
  });

  it('names the code of a failure it has no words for', () => {
    expect(writeError('/x', failure('EIO')).message).toBe('cannot write /x: the system refused (EIO)');
  });
});
