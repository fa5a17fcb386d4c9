import { createHash } from 'node:crypto';
import { mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { FileChangedError, projectFileStats, readProjectBytes, readProjectFiles, readProjectText, stampOf, stampProjectFile, statsMatch, type FileStamp } from '../../src/load/read-files.js';
import { stampNumbers } from '../../src/cache/run-manifest.js';
import { loadProject } from '../../src/load/load-project.js';
import { cleanProjects, copyBundled, makeProject, makeTempDir } from '../helpers/project.js';

afterAll(cleanProjects);

/** A folder outside any project, with a file and a folder for links to lead to. */
async function outsideProject(): Promise<string> {
  const outside = await makeTempDir('outside');
  await writeFile(join(outside, 'secret.yaml'), 'secret');
  await mkdir(join(outside, 'folder'));
  await writeFile(join(outside, 'folder', 'a.yaml'), 'a');
  return outside;
}

describe('readProjectText', () => {
  it('drops a byte-order mark and keeps CRLF for the parser', async () => {
    const dir = await makeProject({ 'a.yaml': '\uFEFFclaims: []\r\n' }, { bare: true });
    expect(await readProjectText(dir, 'a.yaml', 1000)).toMatchObject({ text: 'claims: []\r\n' });
  });

  it.each([
    ['binary', Buffer.from([0x63, 0x00, 0x64]), 'file/not-utf8'],
    ['Latin-1', Buffer.from('caf\xe9', 'latin1'), 'file/not-utf8'],
  ])('refuses %s files', async (_name, bytes, code) => {
    const dir = await makeProject({}, { bare: true });
    await writeFile(join(dir, 'a.yaml'), bytes);
    expect(await readProjectText(dir, 'a.yaml', 1000)).toMatchObject({ diagnostic: { code, line: 1, col: 1 } });
  });

  it('refuses files over the size cap', async () => {
    const dir = await makeProject({ 'a.yaml': 'x'.repeat(2000) }, { bare: true });
    const out = await readProjectText(dir, 'a.yaml', 1000);
    expect(out).toMatchObject({ diagnostic: { code: 'file/too-large' } });
  });

  it.each(['../outside.txt', '/etc/passwd', 'evidence/../../outside.txt'])('refuses the path %s', async (path) => {
    const dir = await makeProject({}, { bare: true });
    expect(await readProjectText(dir, path, 1000)).toMatchObject({ diagnostic: { code: 'file/outside-project' } });
  });

  it('refuses a symlink that leads outside the project', async () => {
    const outside = await makeTempDir('outside');
    await writeFile(join(outside, 'secret.txt'), 'secret');
    const dir = await makeProject({}, { bare: true });
    await symlink(join(outside, 'secret.txt'), join(dir, 'link.txt'));
    expect(await readProjectText(dir, 'link.txt', 1000)).toMatchObject({ diagnostic: { code: 'file/outside-project' } });
  });
});

describe('readProjectBytes', () => {
  it('gives bytes and the stamp stampProjectFile gives, or a diagnostic: links, folders and pipes alike', async () => {
    const outside = await outsideProject();
    const dir = await makeProject({ 'evidence/a.yaml': 'a: “b”\n', 'evidence/big.yaml': 'x'.repeat(3000), 'evidence/empty.yaml': '' }, { bare: true });
    await symlink(join(dir, 'evidence/a.yaml'), join(dir, 'evidence/link.yaml'));
    await symlink(join(outside, 'secret.yaml'), join(dir, 'evidence/out.yaml'));
    await symlink(join(outside, 'folder'), join(dir, 'away'));
    await mkdir(join(dir, 'evidence/folder.yaml'));
    await promisify(execFile)('mkfifo', [join(dir, 'evidence/pipe.yaml')]);
    const expected = {
      'evidence/a.yaml': { bytes: Buffer.from('a: “b”\n') },
      'evidence/empty.yaml': { bytes: Buffer.alloc(0) },
      'evidence/link.yaml': { bytes: Buffer.from('a: “b”\n') },
      'evidence/out.yaml': { diagnostic: { code: 'file/outside-project' } },
      'away/a.yaml': { diagnostic: { code: 'file/outside-project' } },
      'evidence/big.yaml': { diagnostic: { code: 'file/too-large' } },
      'evidence/folder.yaml': { diagnostic: { code: 'file/unreadable', message: 'expected a file, found a folder' } },
      // Never waited on: a pipe has no writer here.
      'evidence/pipe.yaml': { diagnostic: { code: 'file/unreadable', message: 'expected a file, found something that is not a regular file' } },
      'evidence/missing.yaml': { diagnostic: { code: 'file/missing' } },
    };
    for (const [path, want] of Object.entries(expected)) {
      const read = await readProjectBytes(dir, path, 2000);
      expect(read, path).toMatchObject(want);
      if ('bytes' in read) expect(read.stamp, path).toEqual(stampProjectFile(dir, path));
    }
  });
});

describe('readProjectFiles', () => {
  it('reads each kind from its folder, in a stable order, and skips symlinks out of the project', async () => {
    const outside = await makeTempDir('outside');
    await writeFile(join(outside, 'evil.yaml'), 'claims: []\n');
    const dir = await makeProject({ 'claims/b.yaml': 'claims: []\n', 'claims/a/c.yml': 'claims: []\n', 'evidence/snapshots/x.yaml': 'not read\n' });
    await symlink(join(outside, 'evil.yaml'), join(dir, 'claims', 'evil.yaml'));
    const { files, diagnostics } = await readProjectFiles(dir);
    expect(files.filter((f) => f.kind === 'claims').map((f) => f.path)).toEqual(['claims/a/c.yml', 'claims/b.yaml']);
    expect(files.some((f) => f.path.startsWith('evidence/snapshots'))).toBe(false);
    expect(diagnostics).toMatchObject([{ code: 'file/outside-project', file: 'claims/evil.yaml' }]);
  });

  it('reads a file known unchanged only when its text is asked for, and stops if it changed or became a link out', async () => {
    const outside = await makeTempDir('outside');
    await writeFile(join(outside, 'evil.yaml'), 'claims: []\n');
    const dir = await makeProject({ 'claims/a.yaml': 'claims: []\n' });
    const first = (await readProjectFiles(dir)).files.find((f) => f.path === 'claims/a.yaml')!;
    const known = new Map([['claims/a.yaml', { hash: createHash('sha256').update(first.text).digest('hex'), stamp: first.stamp! }]]);
    const lazy = async () => (await readProjectFiles(dir, known)).files.find((f) => f.path === 'claims/a.yaml')!;
    expect((await lazy()).text).toBe('claims: []\n');
    const changed = await lazy();
    await writeFile(join(dir, 'claims/a.yaml'), 'claims: [] # edited\n');
    expect(() => changed.text).toThrow(FileChangedError);
    // The same bytes outside the project, through a link: refused, not read.
    const linked = await lazy();
    await rm(join(dir, 'claims/a.yaml'));
    await symlink(join(outside, 'evil.yaml'), join(dir, 'claims/a.yaml'));
    expect(() => linked.text).toThrow(FileChangedError);
  });

  it("lets a loaded project give its files' text back, reading it again, checked, for a position the parse did not keep", async () => {
    const dir = await copyBundled();
    const { project } = await loadProject(dir);
    const claim = project!.claims.find((c) => c.id === 'pence-denies-wikileaks-connection')!;
    // Deeper than a list item: the file is parsed again, from the disk.
    const deep = project!.locate(claim.ref, 'asserts', 'kind');
    expect(deep).toMatchObject({ file: claim.ref.file });
    expect(deep.line).toBeGreaterThan(project!.locate(claim.ref).line);
    // Changed since it was loaded: the run stops rather than point into another version of the file.
    const entity = project!.entities.get('mike-pence')!;
    await writeFile(join(dir, entity.ref.file), `${await readFile(join(dir, entity.ref.file), 'utf8')}# edited\n`);
    expect(() => project!.locate(entity.ref, 'name')).toThrow(FileChangedError);
  });
});

describe('projectFileStats', () => {
  it('gives every file the stats of the stamp stampProjectFile gives it, links and all', async () => {
    const outside = await outsideProject();
    const dir = await makeProject({ 'top.yaml': 'top', 'evidence/a.yaml': 'a', 'evidence/deep/b.yaml': 'b', 'sources/real.txt': 'text' }, { bare: true });
    await symlink(join(dir, 'sources/real.txt'), join(dir, 'sources/link.txt'));
    await symlink(join(outside, 'secret.yaml'), join(dir, 'evidence/out.yaml'));
    await symlink(join(dir, 'evidence'), join(dir, 'linked'));
    await symlink(join(outside, 'folder'), join(dir, 'away'));
    await mkdir(join(dir, 'evidence/sub'));
    const paths = [
      'top.yaml',
      'evidence/a.yaml',
      'evidence/deep/b.yaml',
      'sources/real.txt',
      'sources/link.txt',
      'evidence/out.yaml',
      'linked/a.yaml',
      'away/a.yaml',
      'evidence/missing.yaml',
      'evidence/sub',
      'evidence/../top.yaml',
      'evidence/./a.yaml',
      '../outside.yaml',
    ];
    const statsOf = projectFileStats(dir);
    const stamps = paths.map((path) => {
      const info = statsOf(path);
      return info && stampOf(info);
    });
    expect(stamps).toEqual(paths.map((path) => stampProjectFile(dir, path)));
    // What each case is: a file through a link inside the project has its target's stamp; nothing outside is stamped.
    expect(stamps[4]).toEqual(stamps[3]);
    expect(stamps[6]).toEqual(stamps[1]);
    expect([stamps[5], stamps[7], stamps[8], stamps[9], stamps[12]]).toEqual([undefined, undefined, undefined, undefined, undefined]);
    expect(stamps.filter(Boolean)).toHaveLength(8);
  });
});

describe('statsMatch', () => {
  // A stamp as the manifest keeps it.
  const numbers = (stamp: FileStamp) => stampNumbers([stamp]);
  it('tells stats from those of another stamp as comparing their stamps does', async () => {
    const dir = await makeProject({ 'a.yaml': 'a', 'b.yaml': 'bb' }, { bare: true });
    const statsOf = projectFileStats(dir);
    const a = statsOf('a.yaml')!;
    const stamp = stampOf(a);
    expect(statsMatch(a, numbers(stamp))).toBe(true);
    // Each field apart, by one unit of the stamp: a byte, an inode, a nanosecond.
    for (const other of [
      { ...stamp, size: stamp.size + 1 },
      { ...stamp, ino: String(Number(stamp.ino) + 1) },
      { ...stamp, mtimeNs: String(BigInt(stamp.mtimeNs) + 1000n) },
      { ...stamp, ctimeNs: String(BigInt(stamp.ctimeNs) - 1000n) },
      stampOf(statsOf('b.yaml')!),
    ]) {
      expect(statsMatch(a, numbers(other))).toBe(false);
    }
    // Times far apart and close together, as the doubles Node gives: the same answer as the stamps' strings.
    for (const ms of [0, 1, 1_700_000_000_000.123_4, 1_764_787_200_123.999_9, 2 ** 40 + 0.5, 4_102_444_800_000.000_1]) {
      const info = { ...a, mtimeMs: ms, ctimeMs: ms } as typeof a;
      const at = stampOf(info);
      expect(statsMatch(info, numbers(at))).toBe(true);
      for (const near of [ms + 1e-6, ms - 1e-6, ms + 0.001]) {
        const moved = { ...a, mtimeMs: near, ctimeMs: ms } as typeof a;
        expect(statsMatch(moved, numbers(at))).toBe(stampOf(moved).mtimeNs === at.mtimeNs);
      }
    }
  });
});
