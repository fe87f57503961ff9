// Starts the real frontdesk binary on a free port with a temporary database, for tests.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const PUBLIC_KEY = 'test-public-key';
export const OWNER_KEY = 'test-owner-key';

export async function startServer({ facilities = process.env.FRONTDESK_FACILITIES_DIR } = {}) {
  const bin = process.env.FRONTDESK_BIN;
  if (!bin) throw new Error('FRONTDESK_BIN is not set (ctest sets it)');
  const dir = mkdtempSync(join(tmpdir(), 'frontdesk-node-'));
  const child = spawn(bin, ['--port', '0', '--host', '127.0.0.1'], {
    env: {
      ...process.env,
      FRONTDESK_DB: join(dir, 'test.db'),
      FRONTDESK_FACILITIES: facilities,
      FRONTDESK_ASSETS: join(process.env.FRONTDESK_FACILITIES_DIR, '..', 'assets'),
      PUBLIC_BOOKING_API_KEY: PUBLIC_KEY,
      OWNER_API_KEY: OWNER_KEY,
      FRONTDESK_PUBLIC_URL: 'https://desk.example.test',
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const port = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${log}`)), 20000);
    const onData = (chunk) => {
      log += chunk;
      const match = /listening on http:\/\/[^\s:]+:(\d+)/.exec(log);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => reject(new Error(`server exited with ${code}:\n${log}`)));
  });
  const base = `http://127.0.0.1:${port}`;
  return {
    base,
    async stop() {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function call(base, method, path, { body, key = PUBLIC_KEY, headers = {} } = {}) {
  const init = { method, headers: { ...headers } };
  if (key) init.headers['X-API-Key'] = key;
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = typeof body === 'string' ? body : JSON.stringify(body);
  }
  const response = await fetch(base + path, init);
  const text = await response.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, json, text, headers: response.headers };
}

// A local date `days` ahead in a time zone, YYYY-MM-DD.
export function localDate(timeZone, days) {
  const at = new Date(Date.now() + days * 86400000);
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}
