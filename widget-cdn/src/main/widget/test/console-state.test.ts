import assert from 'node:assert/strict';
import { beforeEach, test } from 'node:test';
import type { MessageFrame, ServerFrame } from '../src/protocol/frames';
import {
    addInternalChat,
    addMessage,
    addVisitorChat,
    createState,
    followed,
    handle,
    MAX_RETRIES,
    oldestPickup,
    opened,
    outgoingMessage,
    type Effect,
    type State,
} from '../src/console/state';

const ME = { id: 'agent-1', tenantId: 't', name: 'Anna', roles: ['AGENT'], departmentIds: ['sales'] };
let state: State;

beforeEach(() => {
    state = createState();
    state.me = { ...ME };
    state.status = 'online';
});

const message = (seq: number, more: Partial<MessageFrame> = {}): MessageFrame => ({
    type: 'message',
    conversationId: 'c1',
    seq,
    sender: { kind: 'visitor', id: 'visitor-1', name: 'Ada' },
    visibility: 'all',
    text: 'text ' + seq,
    ...more,
});

function mineOpen(id = 'c1') {
    return addVisitorChat(state, { conversationId: id, visitorName: 'Ada', agentId: ME.id }, true);
}

const types = (effects: Effect[]) => effects.map((e) => e.type);

test('a message delivered twice by seq is in the chat once (a resume after a reconnect re-sends it)', () => {
    const chat = mineOpen();
    handle(state, message(1));
    handle(state, message(2));
    handle(state, message(2));
    handle(state, message(1));
    assert.deepEqual(
        chat.messages.map((m) => [m.seq, m.text]),
        [
            [1, 'text 1'],
            [2, 'text 2'],
        ],
    );
    assert.equal(chat.lastSeq, 2);
});

test('history and live frames together: each seq once, in seq order, and history is not unread', () => {
    const chat = mineOpen();
    state.active = 'other';
    handle(state, message(3));
    for (const seq of [1, 2, 3]) addMessage(state, chat, message(seq), true);
    assert.deepEqual(
        chat.messages.map((m) => m.seq),
        [1, 2, 3],
    );
    assert.equal(chat.unread, 1, 'only the live one, counted once');
    handle(state, message(3));
    assert.equal(chat.unread, 1);
});

test('a frame for a chat the console does not follow changes nothing', () => {
    handle(state, message(1, { conversationId: 'unknown' }));
    assert.equal(state.chats.size, 0);
});

test('a message in the open chat tells the visitor it was read; in another chat it is unread', () => {
    mineOpen('c1');
    const other = mineOpen('c2');
    state.active = 'c1';
    assert.deepEqual(handle(state, message(4)), [
        { type: 'send', frame: { type: 'receipt', conversationId: 'c1', delivered: 4, read: 4 } },
    ]);
    assert.deepEqual(handle(state, message(1, { conversationId: 'c2' })), []);
    assert.equal(other.unread, 1);
    assert.deepEqual(opened(state, 'c2'), [{ type: 'send', frame: { type: 'receipt', conversationId: 'c2', delivered: 1, read: 1 } }]);
    assert.equal(other.unread, 0);
});

test("this agent's own message is never unread and its echo ends the wait for it", () => {
    const chat = mineOpen();
    state.active = 'elsewhere';
    const sent = outgoingMessage(state, chat, 'hello', false, 'k-1');
    assert.equal(state.outgoing.size, 1);
    handle(state, message(5, { clientMsgId: sent.clientMsgId, sender: { kind: 'agent', id: ME.id, name: 'Anna' } }));
    assert.equal(chat.unread, 0);
    assert.equal(state.outgoing.size, 0);
});

test('typing shows who types, clears on "stopped" and on their next message; our own typing is not shown', () => {
    const chat = mineOpen();
    handle(state, { type: 'typing', conversationId: 'c1', sender: { kind: 'visitor', id: 'visitor-1', name: 'Ada' }, typing: true });
    assert.equal(chat.typing, 'Ada is typing…');
    handle(state, { type: 'typing', conversationId: 'c1', sender: { kind: 'visitor', id: 'visitor-1', name: 'Ada' }, typing: false });
    assert.equal(chat.typing, '');
    handle(state, { type: 'typing', conversationId: 'c1', sender: { kind: 'visitor', id: 'visitor-1' }, typing: true });
    assert.equal(chat.typing, 'Someone is typing…');
    handle(state, message(1));
    assert.equal(chat.typing, '');
    handle(state, { type: 'typing', conversationId: 'c1', sender: { kind: 'agent', id: ME.id, name: 'Anna' }, typing: true });
    assert.equal(chat.typing, '');
});

test('a queue update replaces the department queue and rings once per new request, not while offline', () => {
    const entry = (id: string, name: string) => ({ conversationId: id, visitorName: name, waitingSince: '2026-01-01T10:00:00Z' });
    const first = handle(state, { type: 'queue', departmentId: 'sales', entries: [entry('q1', 'Ada')] });
    assert.deepEqual(first, [{ type: 'announce', tag: 'q1', text: 'Ada' }]);
    assert.deepEqual(state.queues.get('sales'), [{ ...entry('q1', 'Ada'), departmentId: 'sales' }]);

    const second = handle(state, { type: 'queue', departmentId: 'sales', entries: [entry('q1', 'Ada'), entry('q2', 'Bo')] });
    assert.deepEqual(second, [{ type: 'announce', tag: 'q2', text: 'Bo' }]);

    // q1 is taken, q2 comes back after it left: announced once only.
    handle(state, { type: 'queue', departmentId: 'sales', entries: [] });
    assert.equal(state.queues.get('sales')!.length, 0);
    assert.deepEqual(handle(state, { type: 'queue', departmentId: 'sales', entries: [entry('q2', 'Bo')] }), []);

    state.status = 'offline';
    assert.deepEqual(handle(state, { type: 'queue', departmentId: 'sales', entries: [entry('q3', 'Cy')] }), []);
});

test('an offer is kept with its deadline until it is revoked or the chat is assigned', () => {
    const effects = handle(state, {
        type: 'offer',
        conversationId: 'o1',
        departmentId: 'sales',
        visitorName: 'Ada',
        expiresAt: '2026-01-01T10:00:30Z',
    });
    assert.deepEqual(types(effects), ['announce']);
    assert.deepEqual(state.offers.get('o1'), { visitorName: 'Ada', departmentId: 'sales', expiresAt: Date.parse('2026-01-01T10:00:30Z') });
    handle(state, { type: 'offer.revoked', conversationId: 'o1', reason: 'expired' });
    assert.equal(state.offers.size, 0);
});

test('assigned to this agent: the offer goes, the chat opens with the name from the queue and is followed', () => {
    state.queues.set('sales', [{ conversationId: 'o1', visitorName: 'Ada', waitingSince: '', departmentId: 'sales' }]);
    handle(state, { type: 'offer', conversationId: 'o1', departmentId: 'sales', visitorName: 'Ada', expiresAt: '2026-01-01T10:00:30Z' });
    const effects = handle(state, { type: 'conversation.assigned', conversationId: 'o1', agent: { id: ME.id, name: 'Anna' } });
    assert.equal(state.offers.size, 0);
    const chat = state.chats.get('o1')!;
    assert.equal(chat.title, 'Ada');
    assert.equal(chat.departmentId, 'sales');
    assert.equal(chat.observing, false);
    assert.equal(state.active, 'o1');
    assert.deepEqual(effects, [{ type: 'follow', chat, lookup: false }]);
});

test('a chat transferred to this agent (never in its queues) is looked up', () => {
    const effects = handle(state, { type: 'conversation.assigned', conversationId: 't1', agent: { id: ME.id } });
    assert.equal(state.chats.get('t1')!.title, 'Visitor');
    assert.deepEqual(effects, [{ type: 'follow', chat: state.chats.get('t1')!, lookup: true }]);
});

test('transferred away, the chat leaves an agent; a supervisor keeps observing it', () => {
    mineOpen('c1');
    handle(state, { type: 'conversation.assigned', conversationId: 'c1', agent: { id: 'agent-2' } });
    assert.equal(state.chats.has('c1'), false);
    assert.equal(state.active, '');

    state.me!.roles = ['SUPERVISOR'];
    const chat = mineOpen('c2');
    handle(state, { type: 'conversation.assigned', conversationId: 'c2', agent: { id: 'agent-2' } });
    assert.equal(chat.observing, true);
    assert.equal(chat.agentId, 'agent-2');
});

test('closed: the chat is marked closed, stops being resumed, and its invitation goes', () => {
    mineOpen('c1');
    mineOpen('c2');
    state.invitedTo.set('c1', { visitorName: 'Ada', by: 'Bo' });
    assert.deepEqual(followed(state), { c1: 0, c2: 0 });
    handle(state, message(7, { conversationId: 'c2' }));
    handle(state, { type: 'conversation.closed', conversationId: 'c1', closedBy: 'visitor' });
    assert.equal(state.chats.get('c1')!.closed, true);
    assert.equal(state.invitedTo.size, 0);
    assert.deepEqual(followed(state), { c2: 7 });
});

test("the visitor's read mark only rises; receipts from agents do not move it", () => {
    const chat = mineOpen();
    handle(state, { type: 'receipt', conversationId: 'c1', by: 'visitor', delivered: 5, read: 5 });
    handle(state, { type: 'receipt', conversationId: 'c1', by: 'visitor', delivered: 5, read: 3 });
    handle(state, { type: 'receipt', conversationId: 'c1', by: 'agent', delivered: 9, read: 9 });
    assert.equal(chat.visitorRead, 5);
});

test('mood, mood alerts and invitations into a chat', () => {
    const chat = mineOpen();
    handle(state, { type: 'mood', conversationId: 'c1', mood: -2.5, label: 'negative', trend: [-3, -2] });
    assert.deepEqual(chat.mood, { mood: -2.5, label: 'negative', trend: [-3, -2] });
    const alert = handle(state, { type: 'mood.alert', conversationId: 'c1', label: 'negative', text: 'awful' });
    assert.deepEqual(alert, [{ type: 'alert', conversationId: 'c1', text: 'awful' }]);
    assert.equal(state.supervisor.alerts.has('c1'), true);
    const invited = handle(state, { type: 'conversation.invited', conversationId: 'c9', visitorName: 'Cy', by: { id: 'a2', name: 'Bo' } });
    assert.deepEqual(state.invitedTo.get('c9'), { visitorName: 'Cy', by: 'Bo' });
    assert.deepEqual(invited, [{ type: 'announce', tag: 'invite-c9', text: 'Bo: Cy' }]);
});

test('an internal message in a chat not followed yet asks for the chats again', () => {
    assert.deepEqual(types(handle(state, { type: 'internal.message', conversationId: 'i1', seq: 1 })), ['refreshChats']);
    const team = addInternalChat(state, { conversationId: 'i1', kind: 'team', memberIds: [ME.id, 'a2'] })!;
    assert.equal(team.title, 'Team');
    assert.equal(addInternalChat(state, { conversationId: 'i1' }), undefined, 'added once');
    assert.deepEqual(handle(state, { type: 'internal.message', conversationId: 'i1', seq: 2 }), []);
});

test('a refusal that can pass is resent with the same frame, 300 ms more each time, then shown', () => {
    const chat = mineOpen();
    const sent = outgoingMessage(state, chat, 'hi', false, 'k-7');
    const refusal: ServerFrame = { type: 'error', code: 'forbidden', message: 'not yours', ref: { type: 'message.send', clientMsgId: 'k-7' } };
    const delays: number[] = [];
    for (let i = 0; i < MAX_RETRIES; i++) {
        const [effect] = handle(state, refusal);
        assert.equal(effect.type, 'resend');
        if (effect.type === 'resend') {
            assert.equal(effect.frame, sent);
            delays.push(effect.afterMs);
        }
    }
    assert.deepEqual(delays, [300, 600, 900, 1200, 1500, 1800, 2100, 2400, 2700, 3000]);
    assert.deepEqual(handle(state, refusal), [{ type: 'toast', text: 'not yours' }]);
    assert.equal(state.outgoing.size, 0);
});

test('other refusals are shown at once', () => {
    const chat = mineOpen();
    outgoingMessage(state, chat, 'hi', false, 'k-8');
    assert.deepEqual(handle(state, { type: 'error', code: 'invalid', message: 'text too long', ref: { clientMsgId: 'k-8' } }), [
        { type: 'toast', text: 'text too long' },
    ]);
    assert.deepEqual(handle(state, { type: 'error', code: 'transfer_refused' }), [{ type: 'toast', text: 'transfer_refused' }]);
});

test('Alt+A without an offer picks up the longest-waiting chat of a pick-up department', () => {
    state.departments.set('sales', { name: 'Sales', routingMode: 'PICKUP' });
    state.departments.set('vip', { name: 'VIP', routingMode: 'OFFER' });
    state.queues.set('sales', [
        { conversationId: 'late', waitingSince: '2026-01-01T10:05:00Z', departmentId: 'sales' },
        { conversationId: 'early', waitingSince: '2026-01-01T10:01:00Z', departmentId: 'sales' },
    ]);
    state.queues.set('vip', [{ conversationId: 'vip', waitingSince: '2026-01-01T09:00:00Z', departmentId: 'vip' }]);
    assert.equal(oldestPickup(state), 'early');
});
