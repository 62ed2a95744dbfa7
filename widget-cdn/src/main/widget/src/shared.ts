/** What the loader hands the launcher, and the launcher the panel, on `window.Parley.c`. */
export interface WidgetConfig {
    /** The site's public key, from the snippet's `data-site-key`. */
    siteKey: string;
    /** The gateway's origin: `data-gateway`, else the origin the loader was fetched from. */
    gateway: string;
    /** Where the hashed bundles live: the loader's own URL, up to its last `/`. */
    base: string;
    /** The snippet's own overrides of the site's look (`data-label`, `data-color`, `data-position`). */
    label?: string;
    color?: string;
    position?: 'right' | 'left';
    /** The site's configuration from tenant-service, once the launcher has it. */
    site?: SiteConfig;
}

/** `GET /api/tenant/widget/{siteKey}`: what the owner set up in the console. */
export interface SiteConfig {
    look: {
        label: string;
        color: string;
        position: 'right' | 'left';
        icon: 'chat' | 'help' | 'none';
        imageUrl: string | null;
        title: string;
        greeting: string;
    };
    survey: SurveyField[];
    invitations: { id: string; afterSeconds: number; urlPattern: string; message: string }[];
    hours: { timeZone: string; week: Record<string, { from: string; to: string }[]> } | null;
    offline: { message: string };
    /** What a `department` survey field offers (absent without one): chosen by id, shown by name. */
    departments?: DepartmentChoice[];
}

export interface DepartmentChoice {
    id: string;
    name: string;
    /** The department's own hours; null: always open. */
    hours: SiteConfig['hours'];
}

export interface SurveyField {
    name: string;
    label: string;
    /** `department`: a choice of the site's departments, which the chat then goes to. */
    type: 'text' | 'email' | 'tel' | 'textarea' | 'select' | 'department';
    required: boolean;
    options?: string[];
}

export interface Identity {
    name?: string;
    email?: string;
}

/** An invitation to chat: from a rule of the site's configuration or sent by an agent. */
export interface Invitation {
    message: string;
    agent?: string;
}

/** The global API: callable (`Parley('open')`) and with methods (`Parley.open()`). */
export interface ParleyGlobal {
    (...args: unknown[]): void;
    /** Calls made before the launcher arrived, replayed by it in order. */
    q?: IArguments[] | unknown[][];
    /** The configuration the loader read from the snippet. */
    c?: WidgetConfig;
    /** Set by the launcher: the panel bundle calls it with its mount function once loaded. */
    p?: (mount: PanelMount) => void;
    open?: () => void;
    close?: () => void;
    toggle?: () => void;
    identify?: (identity: Identity) => void;
    on?: (event: string, listener: (detail?: unknown) => void) => void;
}

export interface PanelHandle {
    show(invitation?: Invitation): void;
    hide(): void;
    identify(identity: Identity): void;
}

export interface PanelContext {
    config: WidgetConfig;
    site: SiteConfig;
    /** The visitor's token, made on first need and kept across visits. */
    token(): Promise<string>;
    forgetToken(): void;
    identity(): Identity;
    onClose(): void;
    emit(event: string, detail?: unknown): void;
}

export type PanelMount = (root: ShadowRoot, context: PanelContext) => PanelHandle;

/** Storage keys: `parley.<siteKey>.<name>`. */
export const STORAGE_PREFIX = 'parley.';

export function parley(): ParleyGlobal {
    return (window as unknown as { Parley: ParleyGlobal }).Parley;
}

/** Reads and writes one site's keys; storage refused (private mode) just forgets. */
export function store(area: 'local' | 'session', siteKey: string) {
    const prefix = STORAGE_PREFIX + siteKey + '.';
    const storage = (): Storage | null => {
        try {
            return area === 'local' ? localStorage : sessionStorage;
        } catch {
            return null;
        }
    };
    return {
        get(key: string): string | null {
            try {
                return storage()?.getItem(prefix + key) ?? null;
            } catch {
                return null;
            }
        },
        set(key: string, value: string | null) {
            try {
                const s = storage();
                if (!s) return;
                if (value === null) s.removeItem(prefix + key);
                else s.setItem(prefix + key, value);
            } catch {
                // quota or refusal: this page still works
            }
        },
    };
}

/** Only a plain colour reaches a stylesheet: a hex value or a CSS colour name. */
export function cssColor(value: string | undefined): string {
    return value && /^(#[0-9a-fA-F]{3,8}|[a-zA-Z]{3,20})$/.test(value) ? value : '#2563eb';
}

/** The defaults a site gets until the owner sets its widget up, or when the configuration cannot be read. */
export function defaultSite(): SiteConfig {
    return {
        look: {
            label: 'Chat with us',
            color: '#2563eb',
            position: 'right',
            icon: 'chat',
            imageUrl: null,
            title: 'Chat with us',
            greeting: '',
        },
        survey: [
            { name: 'name', label: 'Name', type: 'text', required: true },
            { name: 'email', label: 'Email', type: 'email', required: false },
        ],
        invitations: [],
        hours: null,
        offline: { message: '' },
    };
}

/** Whether the site's business hours are open at `now`, in the site's own time zone. */
export function withinHours(hours: SiteConfig['hours'], now: Date = new Date()): boolean {
    if (!hours) return true;
    try {
        const parts = new Intl.DateTimeFormat('en-GB', {
            timeZone: hours.timeZone,
            weekday: 'short',
            hour: '2-digit',
            minute: '2-digit',
            hourCycle: 'h23',
        }).formatToParts(now);
        const part = (type: string) => (parts.find((p) => p.type === type) || { value: '' }).value;
        const day = part('weekday').slice(0, 3).toLowerCase();
        const minute = Number(part('hour')) * 60 + Number(part('minute'));
        const toMinute = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
        return (hours.week[day] || []).some((w) => minute >= toMinute(w.from) && minute < toMinute(w.to));
    } catch {
        return true; // an unknown zone must not hide the chat
    }
}

/** JSON from storage or a frame; null when absent or not JSON. */
export function readJson<T = any>(text: string | null): T | null {
    try {
        return text ? (JSON.parse(text) as T) : null;
    } catch {
        return null;
    }
}

/** A WebSocket URL on the gateway: `socketUrl(gateway, '/ws/visitor?token=', token)`. */
export function socketUrl(gateway: string, pathAndParameter: string, credential: string): string {
    return gateway.replace(/^http/, 'ws') + pathAndParameter + encodeURIComponent(credential);
}
