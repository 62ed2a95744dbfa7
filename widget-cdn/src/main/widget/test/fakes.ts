// Fake time and a fake WebSocket for the socket client's tests: time moves only when told.
import type { SocketLike, Timers } from '../src/protocol/socket';

export class FakeTimers implements Timers {
    now = 0;
    private next = 1;
    private readonly due = new Map<number, { at: number; run: () => void; every?: number }>();

    setTimeout = (run: () => void, ms: number) => this.add(run, ms);
    setInterval = (run: () => void, ms: number) => this.add(run, ms, ms);
    clearTimeout = (id: unknown) => void this.due.delete(id as number);
    clearInterval = (id: unknown) => void this.due.delete(id as number);

    private add(run: () => void, ms: number, every?: number): number {
        const id = this.next++;
        this.due.set(id, { at: this.now + ms, run, every });
        return id;
    }

    /** The delays of the timers now pending, from now. */
    pending(): number[] {
        return [...this.due.values()].map((t) => t.at - this.now);
    }

    /** Moves time on, running every timer that falls due on the way, in order. */
    advance(ms: number) {
        const end = this.now + ms;
        for (;;) {
            let first: [number, { at: number; run: () => void; every?: number }] | undefined;
            for (const entry of this.due) if (entry[1].at <= end && (!first || entry[1].at < first[1].at)) first = entry;
            if (!first) break;
            const [id, timer] = first;
            this.now = timer.at;
            if (timer.every) timer.at += timer.every;
            else this.due.delete(id);
            timer.run();
        }
        this.now = end;
    }
}

export class FakeSocket implements SocketLike {
    static made: FakeSocket[] = [];
    static last(): FakeSocket {
        return FakeSocket.made[FakeSocket.made.length - 1];
    }

    readyState = 0;
    sent: any[] = [];
    closedWith: number | undefined;
    onopen: ((event: any) => void) | null = null;
    onmessage: ((event: MessageEvent) => void) | null = null;
    onclose: ((event: any) => void) | null = null;

    constructor(readonly url: string) {
        FakeSocket.made.push(this);
    }

    send(data: string) {
        this.sent.push(JSON.parse(data));
    }

    close(code?: number) {
        this.closedWith = code;
        this.readyState = 3;
    }

    /** The server accepted the socket. */
    accept() {
        this.readyState = 1;
        this.onopen && this.onopen({});
    }

    receive(data: unknown) {
        this.onmessage && this.onmessage({ data: typeof data === "string" ? data : JSON.stringify(data) } as MessageEvent);
    }

    /** The connection dropped (or was refused), with the close code the server sent. */
    drop(code?: number) {
        this.readyState = 3;
        this.onclose && this.onclose(code === undefined ? {} : { code });
    }
}

/** Lets pending promise callbacks (the URL provider's) run. */
export const settle = () => new Promise<void>((resolve) => setImmediate(resolve));
declare function setImmediate(run: () => void): void;
