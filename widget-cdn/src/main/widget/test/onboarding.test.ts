import assert from 'node:assert/strict';
import { test } from 'node:test';
import { originOf, snippet } from '../src/console/onboarding';

test('what an owner types becomes the origin browsers send, or nothing', () => {
    assert.equal(originOf('shop.example'), 'https://shop.example');
    assert.equal(originOf('  https://www.shop.example/cart?x=1 '), 'https://www.shop.example');
    assert.equal(originOf('http://localhost:8096/'), 'http://localhost:8096');
    assert.equal(originOf('HTTPS://Shop.Example:8443'), 'https://shop.example:8443');
    assert.equal(originOf(''), null);
    assert.equal(originOf('ftp://shop.example'), null);
    assert.equal(originOf('not a host at all'), null);
});

test('the snippet loads this gateway’s loader with the site’s key, and keeps early calls', () => {
    const code = snippet('https://chat.parley.example', 'KEY_123');
    assert.match(code, /^<script>/);
    assert.match(code, /<\/script>$/);
    assert.ok(code.includes("s.src='https://chat.parley.example/widget/loader.js'"));
    assert.ok(code.includes("s.setAttribute('data-site-key','KEY_123')"));
    assert.ok(code.includes('(Parley.q=Parley.q||[]).push(arguments)'));
});
