// Starts the real frontdesk binary on a free port with a temporary database, for tests.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const PUBLIC_KEY = 'test-public-key';
export const OWNER_KEY = 'test-owner-key';

const START_DEADLINE_MS = 20000;
const START_POLL_MS = 20;

// The TCP port process `pid` listens on, or 0 while it has none: its socket inodes matched
// against the listening sockets (state 0A) of its network namespace, as
// tests/support/ServerProcess does, so that nothing depends on what the server logs.
function listeningPort(pid) {
  const inodes = new Set();
  try {
    for (const fd of readdirSync(`/proc/${pid}/fd`)) {
      try {
        const socket = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
        if (socket) inodes.add(socket[1]);
      } catch {
        // closed meanwhile
      }
    }
  } catch {
    return 0; // not started yet, or gone
  }
  for (const table of ['tcp', 'tcp6']) {
    let rows = [];
    try {
      rows = readFileSync(`/proc/${pid}/net/${table}`, 'utf8').split('\n').slice(1);
    } catch {
      continue;
    }
    for (const row of rows) {
      // sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode ...
      const columns = row.trim().split(/\s+/);
      if (columns[3] === '0A' && inodes.has(columns[9])) {
        return parseInt(columns[1].split(':').pop(), 16);
      }
    }
  }
  return 0;
}

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
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout.on('data', (chunk) => (log += chunk));
  child.stderr.on('data', (chunk) => (log += chunk));
  const port = await new Promise((resolve, reject) => {
    const done = () => {
      clearTimeout(timer);
      clearInterval(poll);
    };
    const timer = setTimeout(() => {
      done();
      reject(new Error(`server did not start listening:\n${log}`));
    }, START_DEADLINE_MS);
    const poll = setInterval(() => {
      const found = listeningPort(child.pid);
      if (found) {
        done();
        resolve(found);
      }
    }, START_POLL_MS);
    child.on('exit', (code) => {
      done();
      reject(new Error(`server exited with ${code}:\n${log}`));
    });
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
