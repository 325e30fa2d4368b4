import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { appSource } from './gen-app.mjs';
import { ordersJson } from './orders.mjs';

test('the app is about 200 KB and the same on every run', () => {
  const source = appSource();
  assert.equal(appSource(), source);
  assert.ok(source.length > 190_000 && source.length < 215_000, `${source.length} bytes`);
  assert.equal(ordersJson(30), ordersJson(30));
});

test('the app prices every generated order: no order names a product or region it lacks', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ferry-bench-app-'));
  try {
    writeFileSync(join(dir, 'app.js'), appSource());
    const app = await import(pathToFileURL(join(dir, 'app.js')));
    const report = JSON.parse(app.report(ordersJson(500)));
    assert.equal(report.orders, 500);
    assert.equal(report.rejected, 0);
    assert.equal(report.invoices.length, 500);
    assert.equal(report.topCustomers.length, 20);
    const invoice = report.invoices[0];
    assert.equal(invoice.total, invoice.goods + invoice.shipping + invoice.tax);
    assert.equal(app.fib(20), 6765);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('given a size, the app is at least that big (within a few rules) and still runs', async () => {
  const source = appSource(1_000_000);
  assert.ok(source.length >= 1_000_000 && source.length < 1_010_000, `${source.length} bytes`);
  assert.ok(source.startsWith(appSource().slice(0, 1000)), 'the same app, with more rules');
  const dir = mkdtempSync(join(tmpdir(), 'ferry-bench-app-'));
  try {
    writeFileSync(join(dir, 'app.js'), source);
    const app = await import(pathToFileURL(join(dir, 'app.js')));
    assert.equal(JSON.parse(app.report(ordersJson(50))).orders, 50);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
