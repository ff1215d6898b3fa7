// The FCDO's UK Sanctions List through the JS API (loadList, as the page's file picker calls it): the CSV and the XML
// the FCDO publishes (invented entries in the published layouts, tests/fixtures/lists/example_uk_sanctions_list.*)
// load under the name "UK Sanctions List", dated by the file, with the format named; a party on it is found by its
// names and its non-Latin name, a low quality alias alone is no hit, and the retired OFSI ConList still loads.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as pkg from '../../pkg/export_screen.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
pkg.initSync({ module: fs.readFileSync(path.join(root, 'pkg/export_screen_bg.wasm')) });
const fixture = (name) => new Uint8Array(fs.readFileSync(path.join(root, 'tests/fixtures/lists', `example_${name}`)));

for (const [file, format] of [['UK-Sanctions-List.csv', 'uk-sl-csv'], ['UK-Sanctions-List.xml', 'uk-sl-xml']]) {
  test(`loadList reads the FCDO's ${file}`, () => {
    const s = new pkg.Screener({ demoList: false });
    const info = s.loadList(fixture(file.endsWith('.csv') ? 'uk_sanctions_list.csv' : 'uk_sanctions_list.xml'), { filename: file });
    assert.equal(info.name, 'UK Sanctions List');
    assert.equal(info.format, format);
    assert.equal(info.entries, 4);
    assert.deepEqual(info.files, [file]);
    assert.equal(info.published, '2026-10-08');
    assert.deepEqual(info.asOf, { date: '2026-10-08', basis: 'file' });
    assert.deepEqual(s.lists().map((l) => l.name), ['UK Sanctions List']);

    const hit = s.screenParty({ name: 'Ivan Examplovich Examplov' }).hits.find((h) => h.entryId === 'RUS9901');
    assert.ok(hit, 'the primary name is found');
    assert.equal(hit.list, 'UK Sanctions List');
    assert.equal(hit.listCode, 'UK');
    assert.equal(hit.type, 'person');
    assert.ok(s.screenParty({ name: 'Иван Примерович ПРИМЕРОВ' }).hits.some((h) => h.entryId === 'RUS9901'), 'the non-Latin name');
    assert.equal(s.screenParty({ name: 'Vanya Examploff' }).hits.length, 0, 'a low quality alias alone is no hit');
    const ship = s.screenParty({ name: 'Example Voyager' }).hits.find((h) => h.entryId === 'RUS9903');
    assert.equal(ship?.type, 'vessel');
    s.free();
  });
}

test('the retired OFSI ConList.csv still loads, and its name says it was retired', () => {
  const s = new pkg.Screener({ demoList: false });
  const info = s.loadList(fixture('uk_conlist.csv'), { filename: 'ConList.csv' });
  assert.equal(info.format, 'uk-ofsi-csv');
  assert.match(info.name, /OFSI .*retired 28 January 2026/);
  s.free();
});

test("OFSI's retired ConList.xml and the FCDO's HTML page are refused with a message naming the files to load", () => {
  const s = new pkg.Screener({ demoList: false });
  const enc = (t) => new TextEncoder().encode(t);
  assert.throws(() => s.loadList(enc('<?xml version="1.0"?><ArrayOfFinancialSanctionsTarget/>'), { filename: 'ConList.xml' }),
    /retired on 28 January 2026.*UK-Sanctions-List\.csv/s);
  assert.throws(() => s.loadList(enc('<!DOCTYPE html><html><head><title>UK Sanctions List</title></head></html>'),
    { filename: 'UK-Sanctions-List.html' }), /UK-Sanctions-List\.csv or\s+UK-Sanctions-List\.xml/);
  s.free();
});
