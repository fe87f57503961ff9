// The OpenAPI document is valid 3.1, fits ChatGPT Actions' limits, and every documented
// operation answers as documented: each status listed is produced and its body matches the
// documented schema.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Validator } from '@seriousme/openapi-schema-validator';
import SwaggerParser from '@apidevtools/swagger-parser';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { startServer, call, localDate } from './server.mjs';

let server;
let spec;
let ajv;

before(async () => {
  server = await startServer();
  const response = await call(server.base, 'GET', '/openapi.json', { key: null });
  assert.equal(response.status, 200);
  spec = response.json;
  ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema({ $id: 'openapi', components: spec.components });
});

after(async () => server?.stop());

function expectDocumented(operationPath, method, response) {
  const operation = spec.paths[operationPath][method];
  const documented = operation.responses[String(response.status)];
  assert.ok(documented, `${method.toUpperCase()} ${operationPath} answered ${response.status}, which is not documented: ${response.text}`);
  const resolved = documented.$ref ? spec.components.responses[documented.$ref.split('/').pop()] : documented;
  const schema = resolved.content['application/json'].schema;
  const validate = ajv.compile({ $ref: `openapi#/components/schemas/${schema.$ref.split('/').pop()}` });
  assert.ok(validate(response.json), `${operationPath} ${response.status} body does not match: ${ajv.errorsText(validate.errors)}\n${response.text}`);
}

test('document is valid OpenAPI 3.1 (strict schema validator)', async () => {
  const result = await new Validator().validate(spec);
  assert.equal(result.valid, true, JSON.stringify(result.errors, null, 2));
  assert.equal(spec.openapi, '3.1.0');
  await SwaggerParser.validate(structuredClone(spec));
});

test('document fits ChatGPT Actions', () => {
  assert.equal(spec.servers[0].url, 'https://desk.example.test');
  const scheme = spec.components.securitySchemes.ApiKeyAuth;
  assert.deepEqual(scheme, { type: 'apiKey', in: 'header', name: 'X-API-Key' });
  const ids = new Set();
  for (const [path, item] of Object.entries(spec.paths)) {
    for (const [method, op] of Object.entries(item)) {
      assert.ok(op.operationId, `${method} ${path} has no operationId`);
      assert.ok(!ids.has(op.operationId), `duplicate operationId ${op.operationId}`);
      ids.add(op.operationId);
      assert.ok(op.description && op.description.length <= 300, `${op.operationId} description must be 1..300 chars`);
      for (const p of op.parameters ?? []) {
        const param = p.$ref ? spec.components.parameters[p.$ref.split('/').pop()] : p;
        assert.ok(param.description.length <= 700, `${op.operationId} ${param.name} description too long`);
      }
      for (const [status, r] of Object.entries(op.responses)) {
        const resolved = r.$ref ? spec.components.responses[r.$ref.split('/').pop()] : r;
        assert.ok(resolved.content?.['application/json']?.schema, `${op.operationId} ${status} has no schema`);
      }
    }
  }
  assert.equal(ids.size, 7);
});

test('every documented operation answers as documented', async () => {
  const base = server.base;
  const f = 'facility_id=pickle_x_mysore';
  const date = localDate('Asia/Kolkata', 3);

  expectDocumented('/public/business', 'get', await call(base, 'GET', `/public/business?${f}`));
  expectDocumented('/public/business', 'get', await call(base, 'GET', `/public/business?${f}`, { key: 'wrong' }));
  expectDocumented('/public/business', 'get', await call(base, 'GET', '/public/business?facility_id=nope'));
  expectDocumented('/public/business', 'get', await call(base, 'GET', '/public/business'));
  expectDocumented('/public/services', 'get', await call(base, 'GET', '/public/services?facility_id=bishops_tempe'));
  expectDocumented('/public/services', 'get', await call(base, 'GET', `/public/services?${f}`));
  expectDocumented('/public/stylists', 'get', await call(base, 'GET', '/public/stylists?facility_id=bishops_tempe'));

  const availability = await call(base, 'GET', `/public/availability?${f}&date=${date}`);
  expectDocumented('/public/availability', 'get', availability);
  assert.equal(availability.json.available, true);
  expectDocumented('/public/availability', 'get', await call(base, 'GET', `/public/availability?${f}&date=2026-02-30`));

  const quoteBody = { facility_id: 'pickle_x_mysore', date, start_time: '10:00', duration_minutes: 60,
                      customer_name: 'Asha', customer_phone: '+919800000001' };
  const quote = await call(base, 'POST', '/public/booking/quote', { body: quoteBody });
  expectDocumented('/public/booking/quote', 'post', quote);
  assert.equal(quote.status, 200, quote.text);
  expectDocumented('/public/booking/quote', 'post',
    await call(base, 'POST', '/public/booking/quote', { body: { ...quoteBody, customer_phone: undefined } }));
  const taken = await call(base, 'POST', '/public/booking/quote',
    { body: { ...quoteBody, resource_ids: quote.json.resources.map((r) => r.id) } });
  expectDocumented('/public/booking/quote', 'post', taken);
  assert.equal(taken.status, 409, taken.text);
  expectDocumented('/public/booking/quote', 'post',
    await call(base, 'POST', '/public/booking/quote', { body: { ...quoteBody, service_id: 'massage' } }));

  const confirm = await call(base, 'POST', '/public/booking/confirm', { body: { quote_id: quote.json.quote_id } });
  expectDocumented('/public/booking/confirm', 'post', confirm);
  assert.equal(confirm.status, 200, confirm.text);
  const again = await call(base, 'POST', '/public/booking/confirm', { body: { quote_id: quote.json.quote_id } });
  assert.equal(again.status, 200);
  assert.equal(again.json.booking_id, confirm.json.booking_id, 'confirm must be idempotent');
  expectDocumented('/public/booking/confirm', 'post', await call(base, 'POST', '/public/booking/confirm', { body: { quote_id: 'q_missing' } }));
  expectDocumented('/public/booking/confirm', 'post', await call(base, 'POST', '/public/booking/confirm', { body: '{not json' }));

  const fetched = await call(base, 'GET', `/public/booking/${confirm.json.booking_id}`);
  expectDocumented('/public/booking/{booking_id}', 'get', fetched);
  assert.equal(fetched.json.status, 'confirmed');
  expectDocumented('/public/booking/{booking_id}', 'get', await call(base, 'GET', '/public/booking/bk_missing'));
  expectDocumented('/public/booking/{booking_id}', 'get', await call(base, 'GET', '/public/booking/x', { key: null }));
});
