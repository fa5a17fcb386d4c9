import { Worker, type WorkerOptions } from 'node:worker_threads';

/** A worker module beside the caller: compiled JavaScript, or the TypeScript source when running from src/ (tests). */
export function workerUrl(callerUrl: string, name: string): URL {
  return new URL(callerUrl.endsWith('.ts') ? `./${name}.ts` : `./${name}.js`, callerUrl);
}

export function startWorker(url: URL, options: WorkerOptions = {}): Worker {
  if (!url.pathname.endsWith('.ts')) return new Worker(url, options);
  // From src/ only (tests and tsx): workers do not take --import in execArgv, so register tsx first.
  const boot = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(url.href)}); }).catch(() => process.exit(1));`;
  return new Worker(boot, { ...options, eval: true });
}
