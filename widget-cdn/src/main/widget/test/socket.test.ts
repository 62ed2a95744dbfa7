import assert from 'node:assert/strict';
import { beforeEach, test } from 'node:test';
import type { ServerFrame } from '../src/protocol/frames';
import { backoff, BACKOFF_CAP_MS, ChatSocket, type ChatSocketOptions, type SocketState } from '../src/protocol/socket';
import { FakeSocket, FakeTimers, settle } from './fakes';

let timers: FakeTimers;
let frames: ServerFrame[];
let states: SocketState[];

beforeEach(() => {
    FakeSocket.made = [];
    timers = new FakeTimers();
    frames = [];
    states = [];
});

function client(options: Partial<ChatSocketOptions> = {}, random = () => 0.5): ChatSocket {
    return new ChatSocket({
        url: () => Promise.resolve('ws://gateway/ws/visitor?token=t'),
        onFrame: (frame) => frames.push(frame),
        onState: (state) => states.push(state),
        WebSocket: FakeSocket,
        timers,
        random,
        ...options,
    });
}

/** Drops the current socket and waits for the next one: returns the delay that took. */
async function dropAndReconnect(): Promise<number> {
    const before = FakeSocket.made.length;
    FakeSocket.last().drop();
    const [delay] = timers.pending();
    timers.advance(delay);
    await settle();
    assert.equal(FakeSocket.made.length, before + 1, 'a new socket after the back-off');
    return delay;
}

test('the back-off doubles from about a second and never waits more than 30 s', async () => {
    const socket = client({}, () => 0.999999);
    socket.open();
    await settle();
    const delays: number[] = [];
    for (let i = 0; i < 8; i++) delays.push(Math.round(await dropAndReconnect()));
    assert.deepEqual(delays, [1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000]);
});

test('the jitter keeps each delay within the upper half of its step', () => {
    for (let attempt = 0; attempt < 12; attempt++) {
        const step = Math.min(BACKOFF_CAP_MS, 1000 * 2 ** attempt);
        assert.equal(backoff(attempt, 0), step / 2);
        assert.ok(backoff(attempt, 0.999999) <= step && backoff(attempt, 0.999999) > step * 0.999);
        assert.ok(backoff(attempt, 0.3) > step / 2 && backoff(attempt, 0.3) < step);
    }
    assert.ok(backoff(50, 0.999999) <= BACKOFF_CAP_MS, 'capped however many attempts');
});

test('an open resets the back-off to its first step', async () => {
    const socket = client({}, () => 0);
    socket.open();
    await settle();
    await dropAndReconnect();
    await dropAndReconnect();
    assert.equal(timers.pending().length, 0);
    FakeSocket.last().accept();
    assert.equal(await dropAndReconnect(), 500);
});

test('each open sends the resume map that the hook returns at that moment', async () => {
    let lastSeq = 3;
    const socket = client({ resume: () => ({ c1: lastSeq }) });
    socket.open();
    await settle();
    FakeSocket.last().accept();
    assert.deepEqual(FakeSocket.last().sent, [{ type: 'resume', conversations: { c1: 3 } }]);
    assert.deepEqual(states, ['open']);

    lastSeq = 9;
    await dropAndReconnect();
    FakeSocket.last().accept();
    assert.deepEqual(FakeSocket.last().sent, [{ type: 'resume', conversations: { c1: 9 } }]);
    assert.deepEqual(states, ['open', 'reconnecting', 'open']);
});

test('nothing to resume sends no resume frame', async () => {
    const socket = client({ resume: () => ({}) });
    socket.open();
    await settle();
    FakeSocket.last().accept();
    assert.deepEqual(FakeSocket.last().sent, []);
});

test('onOpen runs after the resume frame went out, so what it sends follows the resume', async () => {
    let seenAtOpen: string[] = [];
    const socket = client({
        resume: () => ({ c1: 4 }),
        onOpen: () => {
            seenAtOpen = FakeSocket.last().sent.map((frame) => frame.type);
        },
    });
    socket.open();
    await settle();
    FakeSocket.last().accept();
    assert.deepEqual(seenAtOpen, ['resume']);
});

test('with onRefused, a close refusing the credential ends the socket instead of retrying it', async () => {
    const refused: number[] = [];
    const socket = client({ onRefused: (code) => refused.push(code) });
    socket.open();
    await settle();
    FakeSocket.last().accept();
    FakeSocket.last().drop(1008);
    assert.deepEqual(refused, [1008]);
    assert.deepEqual(timers.pending(), [], 'no reconnect planned');
    socket.open();
    await settle();
    assert.equal(FakeSocket.made.length, 1, 'shut for good');
});

test('with onRefused, an ordinary drop still reconnects', async () => {
    const refused: number[] = [];
    const socket = client({ onRefused: (code) => refused.push(code) });
    socket.open();
    await settle();
    FakeSocket.last().accept();
    FakeSocket.last().drop(1006);
    assert.deepEqual(refused, []);
    assert.equal(timers.pending().length, 1);
    socket.shutdown();
});

test('the ping sends a ping frame and calls its hook on each tick while open, and stops on close', async () => {
    let ticks = 0;
    const socket = client({ pingMs: 25_000, onPing: () => ticks++ });
    socket.open();
    await settle();
    const ws = FakeSocket.last();
    timers.advance(60_000);
    assert.equal(ticks, 0, 'no ping before the socket is open');
    ws.accept();
    timers.advance(24_999);
    assert.equal(ticks, 0);
    timers.advance(1);
    assert.equal(ticks, 1);
    timers.advance(50_000);
    assert.equal(ticks, 3);
    assert.deepEqual(ws.sent, [{ type: 'ping' }, { type: 'ping' }, { type: 'ping' }]);
    ws.drop();
    timers.advance(1000); // reconnects, but the new socket is not open yet
    timers.advance(100_000);
    assert.equal(ticks, 3, 'no ping while closed');
    socket.shutdown();
});

test('after shutdown nothing reconnects, not even a retry already planned', async () => {
    const socket = client();
    socket.open();
    await settle();
    FakeSocket.last().accept();
    FakeSocket.last().drop();
    assert.equal(timers.pending().length, 1, 'a retry is planned');
    socket.shutdown();
    assert.equal(timers.pending().length, 0);
    timers.advance(120_000);
    await settle();
    socket.open();
    await settle();
    assert.equal(FakeSocket.made.length, 1);
    assert.equal(states[states.length - 1], 'closed');
});

test('shutdown closes an open socket with 1000 and its late close event plans nothing', async () => {
    const socket = client();
    socket.open();
    await settle();
    const ws = FakeSocket.last();
    ws.accept();
    socket.shutdown();
    assert.equal(ws.closedWith, 1000);
    ws.drop();
    assert.equal(timers.pending().length, 0);
    assert.equal(socket.send({ type: 'ping' }), false);
});

test('a credential that arrives after close() opens no socket; open() again connects once', async () => {
    let resolve: (url: string) => void = () => undefined;
    const socket = client({ url: () => new Promise((r) => (resolve = r)) });
    socket.open();
    const late = resolve;
    socket.close();
    late('ws://old');
    await settle();
    assert.equal(FakeSocket.made.length, 0);
    socket.open();
    socket.open();
    resolve('ws://new');
    await settle();
    assert.deepEqual(FakeSocket.made.map((s) => s.url), ['ws://new']);
});

test('malformed frames are ignored and the socket stays usable', async () => {
    const socket = client();
    socket.open();
    await settle();
    const ws = FakeSocket.last();
    ws.accept();
    ws.receive('not json {');
    ws.receive('null');
    ws.receive('42');
    ws.receive('{"no":"type"}');
    ws.receive({ type: 'message', conversationId: 'c1', seq: 1, text: 'hi' });
    assert.deepEqual(frames, [{ type: 'message', conversationId: 'c1', seq: 1, text: 'hi' }]);
    assert.equal(socket.send({ type: 'typing', conversationId: 'c1', typing: true }), true);
});

test('a refused credential is retried after the back-off, then the socket opens', async () => {
    let calls = 0;
    const socket = client({
        url: () => (++calls < 3 ? Promise.reject(new Error('offline')) : Promise.resolve('ws://ok')),
    });
    socket.open();
    await settle();
    assert.equal(FakeSocket.made.length, 0);
    assert.deepEqual(states, ['reconnecting']);
    timers.advance(timers.pending()[0]);
    await settle();
    assert.equal(calls, 2);
    assert.equal(FakeSocket.made.length, 0);
    timers.advance(timers.pending()[0]);
    await settle();
    assert.equal(calls, 3);
    assert.deepEqual(FakeSocket.made.map((s) => s.url), ['ws://ok']);
});

test('frames are sent only while open', async () => {
    const socket = client();
    assert.equal(socket.send({ type: 'ping' }), false);
    socket.open();
    await settle();
    assert.equal(socket.isOpen, false);
    assert.equal(socket.send({ type: 'ping' }), false);
    FakeSocket.last().accept();
    assert.equal(socket.isOpen, true);
    socket.send({ type: 'presence.set', status: 'online' });
    assert.deepEqual(FakeSocket.last().sent, [{ type: 'presence.set', status: 'online' }]);
});
