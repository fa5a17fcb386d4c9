// Part of `npm test`: the HTML report's browser tests need Debian's Chromium
// (playwright-core drives it; downloading a browser does not work here). When
// it is missing this installs it with apt-get, saying so first, and stops the
// test run with what to do when it cannot: a skipped browser test is no pass.
import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';

const path = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

function executable(file) {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

if (!executable(path)) {
  if (process.env.CHROMIUM_PATH) fail(`CHROMIUM_PATH is ${path}, which is not an executable file`);
  console.error('npm test: Chromium is missing; the browser tests of the HTML report need it. Installing Debian\'s chromium package with apt-get…');
  const root = process.getuid?.() === 0;
  const sudo = root ? [] : ['sudo', '-n'];
  if (!root && spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status !== 0) {
    fail('installing it needs root, and sudo is not available without a password');
  }
  for (const args of [['apt-get', 'update', '-qq'], ['env', 'DEBIAN_FRONTEND=noninteractive', 'apt-get', 'install', '-y', '-qq', 'chromium']]) {
    const command = [...sudo, ...args];
    const run = spawnSync(command[0], command.slice(1), { stdio: 'inherit' });
    if (run.error || run.status !== 0) fail(`\`${command.join(' ')}\` failed${run.error ? ` (${run.error.message})` : ''}`);
  }
  if (!executable(path)) fail(`apt-get installed chromium, but ${path} is still missing`);
  console.error(`npm test: installed Chromium at ${path}.`);
}

function fail(reason) {
  console.error(`npm test: cannot get Chromium: ${reason}.
Install Debian's chromium package (apt-get install chromium), or set CHROMIUM_PATH to a Chromium
binary, then run npm test again.`);
  process.exit(1);
}
