import assert from 'node:assert/strict';
import { test } from 'node:test';
import { makeApi, type Credentials } from '../src/console/api';
import { expandCanned } from '../src/console/canned';
import { clock, pathOf } from '../src/console/dom';
import { allowedScreens, type SettingsScreen } from '../src/console/settings/registry';
import { SCREENS } from '../src/console/settings/screens';
import { formatMoodTerms, parseMoodTerms } from '../src/console/settings/mood-terms';
import type { Canned } from '../src/console/state';

const canned: Canned[] = [
    { id: '1', shortcut: 'greet', text: 'Hello {visitor.name}, I am {agent.name}.', shared: true },
    { id: '2', shortcut: 'greet', text: 'Hi {visitor.name}!', shared: false },
    { id: '3', shortcut: 'bye', text: 'Bye {visitor.name}, from {agent.name} and {agent.name}', shared: true },
];
const names = { visitor: 'Grace', agent: 'Anna' };

test('/shortcut + Tab: the agent’s own response before the team’s, variables filled in, caret after it', () => {
    assert.deepEqual(expandCanned('/greet', 6, canned, names), { value: 'Hi Grace!', caret: 9 });
    assert.deepEqual(expandCanned('so /bye and more', 7, canned, names), {
        value: 'so Bye Grace, from Anna and Anna and more',
        caret: 32,
    });
    assert.deepEqual(expandCanned('/bye', 4, canned, { visitor: '', agent: 'Anna' })!.value, 'Bye there, from Anna and Anna');
});

test('no expansion without a known shortcut right before the caret', () => {
    assert.equal(expandCanned('/nope', 5, canned, names), null);
    assert.equal(expandCanned('a/greet', 7, canned, names), null, 'not inside a word');
    assert.equal(expandCanned('/greet later', 12, canned, names), null);
    assert.equal(expandCanned('', 0, canned, names), null);
});

function fakeFetch(statuses: number[], seen: { auth: string; body?: string }[]) {
    return (async (_url: string, init: RequestInit) => {
        seen.push({ auth: (init.headers as Record<string, string>).Authorization, body: init.body as string | undefined });
        const status = statuses.shift() ?? 500;
        return { status, ok: status < 300, json: async () => (status === 200 ? { ok: true } : { code: 'nope' }) } as Response;
    }) as typeof fetch;
}

test('the API renews the access token once on a 401 and asks again', async () => {
    let access = 'old';
    const session: Credentials = {
        get access() {
            return access;
        },
        fresh: async () => true,
        renew: async () => ((access = 'new'), true),
    };
    const seen: { auth: string; body?: string }[] = [];
    let loggedOut = 0;
    const api = makeApi('http://gw', session, () => loggedOut++, fakeFetch([401, 200], seen));
    assert.deepEqual(await api('POST', '/x', { a: 1 }), { ok: true });
    assert.deepEqual(seen, [
        { auth: 'Bearer old', body: '{"a":1}' },
        { auth: 'Bearer new', body: '{"a":1}' },
    ]);
    assert.equal(loggedOut, 0);
});

test('a second 401, or a refresh refused, ends the session', async () => {
    let loggedOut = 0;
    const session: Credentials = { access: 't', fresh: async () => true, renew: async () => true };
    const api = makeApi('http://gw', session, () => loggedOut++, fakeFetch([401, 401], []));
    await assert.rejects(api('GET', '/x'), /unauthorized/);
    assert.equal(loggedOut, 1);
    const refused = makeApi('http://gw', { ...session, renew: async () => false }, () => loggedOut++, fakeFetch([401], []));
    await assert.rejects(refused('GET', '/x'), /unauthorized/);
    assert.equal(loggedOut, 2);
});

test('an error answer rejects with its code', async () => {
    const session: Credentials = { access: 't', fresh: async () => true, renew: async () => true };
    await assert.rejects(makeApi('http://gw', session, () => undefined, fakeFetch([409], []))('GET', '/x'), /nope/);
});

test('settings screens by role: every agent has canned responses, owners and admins the tenant\'s settings, only owners billing', () => {
    const me = (roles: string[]) => ({ id: 'u', tenantId: 't', name: 'n', roles, departmentIds: [] });
    const ids = (screens: SettingsScreen[]) => screens.map((s) => s.id);
    assert.deepEqual(ids(allowedScreens(SCREENS, me(['AGENT']))), ['canned']);
    assert.deepEqual(ids(allowedScreens(SCREENS, me(['SUPERVISOR']))), ['canned']);
    const all = ['sites', 'look', 'survey', 'departments', 'rules', 'invitations', 'users', 'canned', 'mood-terms'];
    assert.deepEqual(ids(allowedScreens(SCREENS, me(['ADMIN']))), all);
    assert.deepEqual(ids(allowedScreens(SCREENS, me(['owner']))), [...all, 'billing']);
    assert.deepEqual(ids(allowedScreens(SCREENS, null)), ['canned']);
});

test('mood terms: one "term = weight" a line; lines that are not skipped', () => {
    assert.deepEqual(parseMoodTerms('late delivery = -2\n\nsuper=3\nno weight\n = 4\na = b = c'), [
        { term: 'late delivery', weight: -2 },
        { term: 'super', weight: 3 },
    ]);
    assert.equal(formatMoodTerms([{ term: 'late delivery', weight: -2 }, { term: 'super', weight: 3 }]), 'late delivery = -2\nsuper = 3');
});

test('clock and pathOf', () => {
    assert.equal(clock(245), '4:05');
    assert.equal(clock(3723), '1:02:03');
    assert.equal(clock(-5), '0:00');
    assert.equal(pathOf('https://shop.example/products.html?x=1'), '/products.html');
    assert.equal(pathOf('not a url'), 'not a url');
});
