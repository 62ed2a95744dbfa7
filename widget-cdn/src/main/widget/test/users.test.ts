import assert from 'node:assert/strict';
import { test } from 'node:test';
import { grantableRoles, inviteBody, seatsText, userRows, type TeamUser } from '../src/console/settings/users';
import type { Me } from '../src/console/state';

const user = (id: string, name: string, roles: string[], deactivatedAt: string | null = null): TeamUser => ({
    id,
    email: `${id}@example.com`,
    displayName: name,
    roles,
    departmentIds: [],
    maxChats: 3,
    deactivatedAt,
});
const me = (id: string, roles: string[]): Me => ({ id, tenantId: 't', name: id, roles, departmentIds: [] });
const team = [
    user('olga', 'Olga', ['owner', 'agent']),
    user('ada', 'Ada', ['admin']),
    user('zed', 'Zed', ['agent'], '2026-12-01T10:00:00Z'),
    user('bob', 'Bob', ['agent']),
];

test('active users first by name, deactivated after; status is deactivated or the presence', () => {
    const rows = userRows(team, { bob: 'online', ada: 'away' }, me('olga', ['owner']));
    assert.deepEqual(
        rows.map((r) => [r.user.id, r.status]),
        [
            ['ada', 'away'],
            ['bob', 'online'],
            ['olga', ''],
            ['zed', 'deactivated'],
        ],
    );
});

test('an owner may change anyone but never deactivate or delete themselves', () => {
    const rows = Object.fromEntries(userRows(team, {}, me('olga', ['owner'])).map((r) => [r.user.id, r.actions]));
    assert.deepEqual(rows.olga, ['edit']);
    assert.deepEqual(rows.bob, ['edit', 'deactivate', 'delete']);
    assert.deepEqual(rows.zed, ['edit', 'reactivate', 'delete']);
});

test('an admin leaves owners alone', () => {
    const rows = Object.fromEntries(userRows(team, {}, me('ada', ['admin'])).map((r) => [r.user.id, r.actions]));
    assert.deepEqual(rows.olga, []);
    assert.deepEqual(rows.ada, ['edit']);
    assert.deepEqual(rows.bob, ['edit', 'deactivate', 'delete']);
});

test('only an owner hands out the owner role', () => {
    assert.deepEqual(grantableRoles(me('olga', ['owner'])), ['owner', 'admin', 'supervisor', 'agent']);
    assert.deepEqual(grantableRoles(me('ada', ['admin'])), ['admin', 'supervisor', 'agent']);
});

test('seats: used of the limit, or used alone without one', () => {
    assert.equal(seatsText({ seatsUsed: 4, seats: 25 }), '4 of 25 seats used');
    assert.equal(seatsText({ seatsUsed: 1, seats: null }), '1 seat used');
    assert.equal(seatsText(null), '');
});

test('the invite form: an address and a role are needed; the name defaults to the address’s local part', () => {
    assert.equal(inviteBody('nope', '', ['agent'], []).problem, 'Enter the e-mail address to invite.');
    assert.equal(inviteBody('a@b.example', '', [], []).problem, 'Choose at least one role.');
    assert.deepEqual(inviteBody(' sam@shop.example ', '', ['agent'], ['d1']).body, {
        email: 'sam@shop.example',
        displayName: 'sam',
        roles: ['agent'],
        departmentIds: ['d1'],
    });
});
