// The /realtime debug websocket driven by the real wscat CLI from npm (as a person would, with
// its stdin and stdout on pipes), and by the `ws` client where a close code must be read.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { createInterface } from 'node:readline';
import WebSocket from 'ws';
import { startServer, call, localDate, OWNER_KEY } from './server.mjs';

const require = createRequire(import.meta.url);
const WSCAT = require.resolve('wscat/bin/wscat');
const FACILITY = 'pickle_x_mysore';
const DEADLINE_MS = 10000;

let server;

before(async () => {
  delete process.env.OPENAI_API_KEY; // the built-in agent only
  server = await startServer();
});

after(async () => server?.stop());

function realtimeUrl(query) {
  return `${server.base.replace('http://', 'ws://')}/realtime?${new URLSearchParams(query)}`;
}

// One wscat process. Without a TTY wscat prints each incoming message on its own line and sends
// each stdin line as a text message (once connected: we write only after session.created).
// After each line it sends, it writes its "> " prompt to stdout, so the next message it prints
// may follow that prompt on the same line.
class Wscat {
  constructor(url) {
    this.child = spawn(process.execPath, [WSCAT, '--connect', url], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.messages = [];
    this.waiters = [];
    this.stderr = '';
    this.exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.stderr.on('data', (chunk) => { this.stderr += chunk; });
    createInterface({ input: this.child.stdout }).on('line', (line) => {
      let message;
      try {
        message = JSON.parse(line.replace(/^(> )+/, ''));
      } catch {
        return; // not ours
      }
      this.messages.push(message);
      this.waiters = this.waiters.filter((waiter) => !waiter(message));
    });
  }

  send(message) {
    this.child.stdin.write(`${typeof message === 'string' ? message : JSON.stringify(message)}\n`);
  }

  // The next message (from `from` on) matching `predicate`; fails after the deadline.
  next(predicate, what, from = 0) {
    const seen = this.messages.slice(from).find(predicate);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${what} within ${DEADLINE_MS} ms; got ${JSON.stringify(this.messages)} ${this.stderr}`)), DEADLINE_MS);
      this.waiters.push((message) => {
        if (!predicate(message)) return false;
        clearTimeout(timer);
        resolve(message);
        return true;
      });
    });
  }

  // Sends and waits for the first answer of `type` that arrives after it.
  async ask(message, type) {
    const from = this.messages.length;
    this.send(message);
    return this.next((m) => m.type === type, type, from);
  }

  async close() {
    this.child.stdin.end(); // wscat closes the socket when its input ends
    await this.exited;
  }
}

async function connect(query = { facility_id: FACILITY, caller_number: '+919800000042' }) {
  const session = new Wscat(realtimeUrl(query));
  const created = await session.next((m) => m.type === 'session.created', 'session.created');
  return { session, created };
}

test('session.created carries the session, facility, system prompt and functions', async () => {
  const { session, created } = await connect();
  assert.match(created.session_id, /^chat_/);
  assert.equal(created.facility, 'Pickle X Mysore');
  assert.equal(created.facility_id, FACILITY);
  assert.ok(created.system_prompt.includes('Pickle X Mysore'));
  const names = created.functions.map((f) => f.name);
  for (const name of ['check_availability', 'create_quote', 'confirm_booking']) assert.ok(names.includes(name), name);
  for (const fn of created.functions) {
    assert.equal(fn.type, 'function');
    assert.equal(fn.parameters.type, 'object');
  }
  await session.close();
});

test('ping answers pong', async () => {
  const { session } = await connect();
  assert.deepEqual(await session.ask({ type: 'ping' }, 'pong'), { type: 'pong' });
  await session.close();
});

test('function_call check_availability answers function_result (seed 004 shape)', async () => {
  const { session } = await connect();
  const result = await session.ask({
    type: 'function_call',
    function_name: 'check_availability',
    arguments: { facility_id: FACILITY, date: localDate('Asia/Kolkata', 2), start_time: '14:00', duration_minutes: 60, number_of_courts: 1 },
  }, 'function_result');
  assert.equal(result.function_name, 'check_availability');
  assert.equal(result.result.ok, true, JSON.stringify(result));
  assert.equal(result.result.available, true);
  await session.close();
});

test('bad JSON and unknown types get an error and the socket stays open', async () => {
  const { session } = await connect();
  const bad = await session.ask('{not json', 'error');
  assert.equal(bad.code, 'INVALID_JSON');
  const unknown = await session.ask({ type: 'dance' }, 'error');
  assert.equal(unknown.code, 'UNKNOWN_TYPE');
  assert.ok(unknown.message.includes('dance'));
  assert.deepEqual(await session.ask({ type: 'ping' }, 'pong'), { type: 'pong' });
  await session.close();
});

test('a message conversation books a court, and its transcript is kept', async () => {
  const { session, created } = await connect();
  const script = [
    `I'd like to book a court on ${localDate('Asia/Kolkata', 3)} at 8 pm for 1 hour`,
    'my name is Ravi Kumar and my phone is 98450 22222',
    '1 court',
    'yes',
    'yes please, confirm',
  ];
  let booked;
  for (const text of script) {
    const from = session.messages.length;
    await session.ask({ type: 'message', text }, 'agent_message');
    booked = session.messages.slice(from).find((m) => m.type === 'function_result' && m.function_name === 'confirm_booking' && m.result.ok);
    if (booked) break;
  }
  assert.ok(booked, `no booking: ${JSON.stringify(session.messages, null, 1)}`);
  assert.match(booked.result.booking_id, /^bk_/);
  await session.close();

  const record = await call(server.base, 'GET', `/owner/conversations/${created.session_id}`, { key: null, headers: { Authorization: `Bearer ${OWNER_KEY}` } });
  assert.equal(record.status, 200, record.text);
  assert.equal(record.json.channel, 'debug');
  assert.ok(record.json.transcript.some((e) => e.tool_name === 'confirm_booking'));
});

test('an unknown facility is closed with policy_error and the reason', async () => {
  const ws = new WebSocket(realtimeUrl({ facility_id: 'atlantis' }));
  const [code, reason] = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no close')), DEADLINE_MS);
    ws.on('close', (closeCode, closeReason) => {
      clearTimeout(timer);
      resolve([closeCode, closeReason.toString()]);
    });
    ws.on('error', () => {});
  });
  assert.equal(code, 1008);
  assert.match(reason, /atlantis/);
});
