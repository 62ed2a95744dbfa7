/** What the loader hands the launcher, and the launcher the panel, on `window.Parley.c`. */
export interface WidgetConfig {
    /** The site's public key, from the snippet's `data-site-key`. */
    siteKey: string;
    /** The gateway's origin: `data-gateway`, else the origin the loader was fetched from. */
    gateway: string;
    /** Where the hashed bundles live: the loader's own URL, up to its last `/`. */
    base: string;
    label: string;
    color: string;
    position: 'right' | 'left';
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
}

export interface PanelHandle {
    show(): void;
    hide(): void;
}

export type PanelMount = (root: ShadowRoot, config: WidgetConfig, onClose: () => void) => PanelHandle;

/** sessionStorage keys: one tab's visitor state survives page loads on the same site. */
export const STORAGE_PREFIX = 'parley.';

export function parley(): ParleyGlobal {
    return (window as unknown as { Parley: ParleyGlobal }).Parley;
}
