// One client of the chat socket for the launcher's invitation listener, the panel and the console:
// the URL (with its credential) from an async provider, JSON frames both ways (anything that is
// not a JSON object with a `type` is dropped), jittered exponential back-off after a close or a
// refused credential, `resume` of the caller's conversations on every open, an optional ping.
// Timers, randomness and the WebSocket constructor can be handed in: the tests run it in Node.
import type { ClientFrame, ServerFrame } from './frames';
import { readJson } from '../shared';

/** Reconnect delays: 1 s, 2 s, 4 s … capped at 30 s, each drawn from the upper half of its step. */
export const BACKOFF_BASE_MS = 1000;
export const BACKOFF_CAP_MS = 30_000;

/** The delay before reconnect number `attempt` (0 first): `random` in [0, 1) spreads clients out. */
export function backoff(attempt: number, random: number): number {
    return Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** attempt) * (0.5 + random / 2);
}

/** What this client needs of a WebSocket; the browser's fits. */
export interface SocketLike {
    readyState: number;
    send(data: string): void;
    close(code?: number): void;
    onopen: ((event: any) => void) | null;
    onmessage: ((event: MessageEvent) => void) | null;
    onclose: ((event: any) => void) | null;
}

export interface Timers {
    setTimeout(run: () => void, ms: number): unknown;
    clearTimeout(id: unknown): void;
    setInterval(run: () => void, ms: number): unknown;
    clearInterval(id: unknown): void;
}

export type SocketState = 'open' | 'reconnecting' | 'closed';

export interface ChatSocketOptions {
    /** The socket's URL with a current credential; a rejection is retried after the back-off. */
    url: () => Promise<string>;
    onFrame: (frame: ServerFrame) => void;
    /** Asked on each open: the conversations to follow, each with the last seq seen (0 for none). */
    resume?: () => Record<string, number> | null | undefined;
    /** After each open (and the resume): send what the server should know again. */
    onOpen?: () => void;
    /** For the UI: open, reconnecting (a retry is planned), closed (by close() or shutdown()). */
    onState?: (state: SocketState) => void;
    /** Every this many ms while open: a `ping` frame, then `onPing`. */
    pingMs?: number;
    onPing?: () => void;
    /**
     * When given, a close saying the credential was refused (1008, or an application code 4000–4999)
     * ends the socket instead of retrying with the same credential, and this is told the code.
     */
    onRefused?: (code: number) => void;
    WebSocket?: new (url: string) => SocketLike;
    timers?: Timers;
    random?: () => number;
}

const OPEN = 1;

const browserTimers: Timers = {
    setTimeout: (run, ms) => setTimeout(run, ms),
    clearTimeout: (id) => clearTimeout(id as number),
    setInterval: (run, ms) => setInterval(run, ms),
    clearInterval: (id) => clearInterval(id as number),
};

export class ChatSocket {
    private ws: SocketLike | null = null;
    private running = false;
    private stopped = false;
    /** Bumped by close(): a credential or socket from an earlier run is then ignored. */
    private run = 0;
    private attempts = 0;
    private retryTimer: unknown;
    private pingTimer: unknown;
    private readonly timers: Timers;

    constructor(private readonly options: ChatSocketOptions) {
        this.timers = options.timers || browserTimers;
    }

    get isOpen(): boolean {
        return !!this.ws && this.ws.readyState === OPEN;
    }

    /** Connects unless already connecting or connected; after shutdown() never again. */
    open() {
        if (this.running || this.stopped) return;
        this.running = true;
        this.attempts = 0;
        this.connect(this.run);
    }

    /** Sends when open; otherwise the frame is dropped and false returned (resume covers the gap). */
    send(frame: ClientFrame): boolean {
        if (!this.isOpen) return false;
        this.ws!.send(JSON.stringify(frame));
        return true;
    }

    /** Closes and stops retrying; open() may start again. */
    close() {
        const was = this.running;
        this.run++;
        this.running = false;
        this.timers.clearTimeout(this.retryTimer);
        this.timers.clearInterval(this.pingTimer);
        const ws = this.ws;
        this.ws = null;
        if (ws) ws.close(1000);
        if (was) this.options.onState?.('closed');
    }

    /** Closes for good: nothing reconnects this client afterwards. */
    shutdown() {
        this.stopped = true;
        this.close();
    }

    private connect(run: number) {
        const o = this.options;
        o.url().then(
            (url) => {
                if (run !== this.run) return;
                let ws: SocketLike;
                try {
                    ws = new (o.WebSocket || WebSocket)(url);
                } catch {
                    return this.later(run);
                }
                this.ws = ws;
                ws.onopen = () => {
                    if (this.ws !== ws) return;
                    this.attempts = 0;
                    const follow = o.resume && o.resume();
                    if (follow && Object.keys(follow).length) this.send({ type: 'resume', conversations: follow });
                    if (o.pingMs) {
                        this.timers.clearInterval(this.pingTimer);
                        this.pingTimer = this.timers.setInterval(() => {
                            this.send({ type: 'ping' });
                            o.onPing && o.onPing();
                        }, o.pingMs);
                    }
                    o.onOpen && o.onOpen();
                    o.onState && o.onState('open');
                };
                ws.onmessage = (event) => {
                    if (this.ws !== ws) return;
                    const frame = readJson<ServerFrame>(String(event.data));
                    if (frame && typeof frame.type === 'string') o.onFrame(frame);
                };
                ws.onclose = (event) => {
                    if (this.ws !== ws) return;
                    this.ws = null;
                    this.timers.clearInterval(this.pingTimer);
                    const code = Number(event && event.code);
                    if (o.onRefused && (code === 1008 || (code >= 4000 && code < 5000))) {
                        this.shutdown();
                        o.onRefused(code);
                        return;
                    }
                    this.later(run);
                };
            },
            () => run === this.run && this.later(run),
        );
    }

    /** Any node can take the socket back: back off so that a restart is not stampeded. */
    private later(run: number) {
        this.options.onState?.('reconnecting');
        const delay = backoff(this.attempts++, (this.options.random || Math.random)());
        this.timers.clearTimeout(this.retryTimer);
        this.retryTimer = this.timers.setTimeout(() => run === this.run && this.connect(run), delay);
    }
}
