#!/usr/bin/env node
import { terminalAsk } from '../dist/cli/io.js';
import { main } from '../dist/cli/main.js';

// Ctrl-C stops watch cleanly; every other command keeps Node's default, which ends it at once.
const stop = new AbortController();
if (process.argv[2] === 'watch') process.once('SIGINT', () => stop.abort());

process.exitCode = await main({
  argv: process.argv.slice(2),
  cwd: process.cwd(),
  stdout: (text) => process.stdout.write(text),
  stdoutBytes: (bytes) => process.stdout.write(bytes),
  drain: () => drained(process.stdout),
  stderr: (text) => process.stderr.write(text),
  isTTY: process.stdout.isTTY,
  stderrIsTTY: process.stderr.isTTY,
  columns: process.stdout.columns,
  env: process.env,
  signal: stop.signal,
  // factcheck new asks for what its flags leave out, on a terminal only.
  ...(process.stdin.isTTY ? { ask: terminalAsk(process.stdin, process.stderr) } : {}),
});

/** Resolves when the stream has taken what was written to it, or has closed (its reader gone). */
function drained(stream) {
  if (!stream.writableNeedDrain) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      stream.off('drain', done).off('close', done);
      resolve();
    };
    stream.on('drain', done).on('close', done);
  });
}
