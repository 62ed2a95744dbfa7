// The chat button. Lives in a shadow root so the page's CSS cannot reach it; loads the panel
// bundle only on the first open, then hands it a second shadow root of its own.
import { parley, STORAGE_PREFIX, type PanelHandle, type PanelMount } from './shared';

declare const PANEL_FILE: string;

const OPEN_KEY = STORAGE_PREFIX + 'open';

(function () {
    const api = parley();
    const config = api && api.c;
    if (!config || (api as { l?: boolean }).l) return;
    (api as { l?: boolean }).l = true;

    const side = config.position;
    const host = document.createElement('div');
    host.setAttribute('data-parley', 'launcher');
    const root = host.attachShadow({ mode: 'open' });
    const style = document.createElement('style');
    style.textContent =
        `:host{all:initial}` +
        `button{position:fixed;bottom:20px;${side}:20px;z-index:2147483000;border:0;border-radius:24px;` +
        `padding:12px 18px;font:600 15px/1.2 system-ui,sans-serif;color:#fff;background:${cssColor(config.color)};` +
        `box-shadow:0 4px 14px rgba(0,0,0,.25);cursor:pointer}` +
        `button:focus-visible{outline:3px solid #111;outline-offset:2px}`;
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = config.label;
    button.setAttribute('aria-expanded', 'false');
    root.append(style, button);

    const panelHost = document.createElement('div');
    panelHost.setAttribute('data-parley', 'panel');
    const panelRoot = panelHost.attachShadow({ mode: 'open' });

    let panel: PanelHandle | undefined;
    let loading = false;
    let isOpen = false;

    function setOpen(open: boolean) {
        isOpen = open;
        button.setAttribute('aria-expanded', String(open));
        button.style.display = open ? 'none' : '';
        try {
            sessionStorage.setItem(OPEN_KEY, open ? '1' : '0');
        } catch {
            // storage refused (private mode): the widget still works on this page
        }
        if (!open) {
            panel && panel.hide();
            button.focus();
            return;
        }
        if (panel) {
            panel.show();
            return;
        }
        if (loading) return;
        loading = true;
        // The panel bundle calls the current global's `p` with its mount function.
        parley().p = (mount: PanelMount) => {
            panel = mount(panelRoot, config!, () => setOpen(false));
            if (isOpen) panel.show();
            else panel.hide();
        };
        const script = document.createElement('script');
        script.async = true;
        script.crossOrigin = 'anonymous';
        script.src = config!.base + PANEL_FILE;
        script.onerror = () => {
            loading = false;
            setOpen(false);
        };
        document.head.appendChild(script);
    }

    const commands: Record<string, () => void> = {
        open: () => setOpen(true),
        close: () => setOpen(false),
        toggle: () => setOpen(!isOpen),
    };
    function run(args: ArrayLike<unknown>) {
        const command = commands[String(args[0])];
        if (command) command();
    }
    button.addEventListener('click', () => setOpen(true));

    function start() {
        document.body.append(host, panelHost);
        const queued = api.q || [];
        api.q = [];
        // From now on calls run at once; the same object keeps its configuration and queue.
        const live = function () {
            // eslint-disable-next-line prefer-rest-params
            run(arguments);
        } as unknown as typeof api;
        Object.assign(live, api, commands);
        (window as unknown as { Parley: typeof api }).Parley = live;
        for (const args of queued) run(args as ArrayLike<unknown>);
        let reopen = false;
        try {
            reopen = sessionStorage.getItem(OPEN_KEY) === '1';
        } catch {
            // no storage: start closed
        }
        if (reopen && !isOpen) setOpen(true);
    }

    if (document.body) start();
    else document.addEventListener('DOMContentLoaded', start);
})();

/** Only a plain colour reaches the stylesheet: a hex value or a CSS colour name. */
function cssColor(value: string): string {
    return /^(#[0-9a-fA-F]{3,8}|[a-zA-Z]{3,20})$/.test(value) ? value : '#2563eb';
}
