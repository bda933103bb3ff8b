// Catalog hygiene: every en-US message has a pt-BR translation using exactly the same placeholders.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { enUS } from '../../handlers/i18n/en-US.ts';
import { ptBR } from '../../handlers/i18n/pt-BR.ts';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

test('pt-BR translates every en-US key with the same placeholders, and adds none of its own', () => {
  assert.equal(Object.keys(ptBR).sort(), Object.keys(enUS).sort());
  for (const [key, en] of Object.entries(enUS)) {
    const pt = ptBR[key as keyof typeof enUS];
    assert.ok(pt.trim().length > 0, key);
    assert.equal(placeholders(pt), placeholders(en), key);
    if (en.length > 12) assert.is.not(pt, en, `${key} looks untranslated`);
  }
});

test('error codes follow Kimchi\'s pattern KCH<AREA><4 digits>E', () => {
  for (const key of Object.keys(enUS)) {
    if (key.startsWith('KCH')) assert.match(key, /^KCH[A-Z]+\d{4}E$/, key);
  }
});

test.run();
