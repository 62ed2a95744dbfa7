// The console user's session: a short access token for the API and the socket, and the refresh
// token that gets the next one before it expires, so an agent logs in once for a shift. Kept in
// sessionStorage (per tab: each tab is its own session, and two tabs never race one token).
// Refreshes are single-flight: a timer, a 401 and a reconnect asking at once share one exchange,
// because exchanging the same refresh token twice ends the session (reuse detection, server side).

const ACCESS = 'parley.console.token';
const REFRESH = 'parley.console.refresh';
/** Renew this long before the access token expires. */
const AHEAD_MS = 60_000;

export interface Tokens {
    accessToken: string;
    refreshToken?: string;
}

export class Session {
    access = sessionStorage.getItem(ACCESS) || '';
    private refresh = sessionStorage.getItem(REFRESH) || '';
    private inFlight: Promise<boolean> | null = null;
    private timer: ReturnType<typeof setTimeout> | undefined;

    constructor(
        private readonly gateway: string,
        /** Called once the session cannot be renewed (revoked, expired, the user deactivated): show the login. */
        private readonly ended: (code?: string) => void,
    ) {}

    /** Stores what the login or a refresh answered and plans the next refresh. */
    signedIn(tokens: Tokens) {
        this.access = tokens.accessToken;
        this.refresh = tokens.refreshToken || '';
        sessionStorage.setItem(ACCESS, this.access);
        if (this.refresh) sessionStorage.setItem(REFRESH, this.refresh);
        else sessionStorage.removeItem(REFRESH);
        this.plan();
    }

    /** The access token's claims (not verified here: the gateway does that). */
    claims(): Record<string, any> {
        try {
            return JSON.parse(atob(this.access.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
        } catch {
            return {};
        }
    }

    /** Milliseconds until the access token expires (negative once it has). */
    remaining(): number {
        const exp = this.claims().exp;
        return typeof exp === 'number' ? exp * 1000 - Date.now() : -1;
    }

    /** A valid access token if one can be had: the current one, or a renewed one. */
    async fresh(): Promise<boolean> {
        if (this.access && this.remaining() > AHEAD_MS / 2) return true;
        return this.renew();
    }

    /** Exchanges the refresh token once, however many callers ask at the same time. */
    renew(): Promise<boolean> {
        if (!this.refresh) return Promise.resolve(false);
        if (!this.inFlight) {
            this.inFlight = this.exchange().finally(() => (this.inFlight = null));
        }
        return this.inFlight;
    }

    /** Logs out: the server ends the session (the refresh token and its successors). */
    end() {
        const refresh = this.refresh;
        this.clear();
        if (refresh) {
            fetch(this.gateway + '/api/tenant/auth/logout', {
                method: 'POST',
                headers: { 'Content-Type': 'application/json' },
                body: JSON.stringify({ refreshToken: refresh }),
                keepalive: true,
            }).catch(() => undefined);
        }
    }

    private clear() {
        clearTimeout(this.timer);
        this.access = '';
        this.refresh = '';
        sessionStorage.removeItem(ACCESS);
        sessionStorage.removeItem(REFRESH);
    }

    private plan() {
        clearTimeout(this.timer);
        if (!this.refresh) return;
        this.timer = setTimeout(() => this.renew(), Math.max(1000, this.remaining() - AHEAD_MS));
    }

    private async exchange(): Promise<boolean> {
        let response: Response | null = null;
        try {
            response = await fetch(this.gateway + '/api/tenant/auth/refresh', {
                method: 'POST',
                headers: { 'Content-Type': 'application/json' },
                body: JSON.stringify({ refreshToken: this.refresh }),
            });
        } catch {
            // Offline for a moment: try again soon; the token is still ours.
            clearTimeout(this.timer);
            this.timer = setTimeout(() => this.renew(), 5000);
            return false;
        }
        if (response.ok) {
            this.signedIn(await response.json());
            return true;
        }
        if (response.status === 401 || response.status === 403) {
            const answer = await response.json().catch(() => ({}));
            this.clear();
            this.ended(answer && answer.code);
        }
        return false;
    }
}
