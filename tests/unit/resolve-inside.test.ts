import { mkdir, realpath, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveInsideSync } from '../../src/load/resolve-inside.js';
import { cleanProjects, makeProject } from '../helpers/project.js';

afterAll(cleanProjects);

describe('resolveInsideSync', () => {
  it('resolves plain paths and paths that need normalising alike, and refuses every way out', async () => {
    const root = await realpath(await makeProject({ 'evidence/a.yaml': 'evidence: []\n', 'evidence/b c.yaml': '', 'evidence/...yaml': '' }, { bare: true }));
    const outside = await realpath(await makeProject({ 'secret.yaml': 'x: 1\n' }, { bare: true }));
    await mkdir(join(root, 'linked'));
    await symlink(join(outside, 'secret.yaml'), join(root, 'linked', 'out.yaml'));
    await symlink(outside, join(root, 'away'));
    await writeFile(join(root, 'evidence', '.hidden.yaml'), '');
    const inside = (path: string) => resolveInsideSync(root, path);
    // The same file however the path is written: the plain fast path and join's normalising agree.
    for (const path of ['evidence/a.yaml', './evidence/a.yaml', 'evidence//a.yaml', 'evidence/./a.yaml', 'linked/../evidence/a.yaml']) {
      expect(inside(path)).toMatchObject({ ok: true, path: join(root, 'evidence', 'a.yaml') });
    }
    for (const path of ['evidence/b c.yaml', 'evidence/...yaml', 'evidence/.hidden.yaml', 'evidence/missing.yaml', './evidence//missing.yaml']) {
      expect(inside(path), path).toMatchObject({ ok: true, path: join(root, path) });
    }
    // A trailing separator makes lstat follow a link to a folder: it must not pass for a plain folder.
    expect(inside('evidence/')).toMatchObject({ ok: true, path: join(root, 'evidence') });
    for (const path of ['../secret.yaml', 'evidence/../../secret.yaml', '..', 'linked/out.yaml', 'away/secret.yaml', 'away/', 'away//', './away/', '/etc/passwd']) {
      expect(inside(path), path).toMatchObject({ ok: false });
    }
  });
});
