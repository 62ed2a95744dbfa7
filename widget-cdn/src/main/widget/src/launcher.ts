// The chat button. Lives in a shadow root so the page's CSS cannot reach it. Reads the site's
// configuration (look, invitation rules), reports the page view for the console's live visitor
// list, shows invitations (from the site's rules or sent by an agent), runs the JS API, and loads
// the panel bundle only on the first open, handing it a second shadow root of its own.
import { icon } from './icons';
import { ChatSocket } from './protocol/socket';
import {
    cssColor,
    defaultSite,
    parley,
    readJson,
    socketUrl,
    store,
    type Identity,
    type Invitation,
    type PanelHandle,
    type PanelMount,
    type ParleyGlobal,
    type SiteConfig,
} from './shared';

declare const PANEL_FILE: string;

(function () {
    const api = parley();
    const config = api && api.c;
    if (!config || (api as { l?: boolean }).l) return;
    (api as { l?: boolean }).l = true;

    const local = store('local', config.siteKey);
    const tab = store('session', config.siteKey);
    const listeners: Record<string, ((detail?: unknown) => void)[]> = {};
    const emit = (event: string, detail?: unknown) => {
        for (const listener of listeners[event] || []) {
            try {
                listener(detail);
            } catch {
                // a page's listener must not break the widget
            }
        }
    };

    const cached: SiteConfig | null = readJson(tab.get('site'));
    let site: SiteConfig = cached || defaultSite();
    // Until the site's configuration is in (or could not be read), the button waits unseen, so
    // that it never shows a look the site does not have; a configuration from the last page
    // shows at once and is refreshed behind it.
    let configured: () => void = () => undefined;
    const siteKnown = new Promise<void>((resolve) => (configured = resolve)).then(() => {
        host.style.visibility = '';
    });
    if (cached) configured();
    const host = document.createElement('div');
    host.setAttribute('data-parley', 'launcher');
    if (!cached) host.style.visibility = 'hidden';
    const root = host.attachShadow({ mode: 'open' });
    const style = document.createElement('style');
    const button = document.createElement('button');
    button.type = 'button';
    button.setAttribute('aria-expanded', 'false');
    button.setAttribute('aria-haspopup', 'dialog');
    const invite = document.createElement('div');
    invite.className = 'i';
    invite.setAttribute('role', 'alert');
    invite.hidden = true;
    const inviteText = document.createElement('button');
    inviteText.type = 'button';
    inviteText.className = 'it';
    const inviteClose = document.createElement('button');
    inviteClose.type = 'button';
    inviteClose.className = 'ix';
    inviteClose.textContent = '\u00d7';
    inviteClose.setAttribute('aria-label', 'Dismiss');
    invite.append(inviteText, inviteClose);
    root.append(style, invite, button);

    function paint() {
        const look = site.look;
        const side = config!.position || look.position || 'right';
        const color = cssColor(config!.color || look.color);
        style.textContent =
            `:host{all:initial}` +
            `button{font:600 15px/1.2 system-ui,sans-serif;cursor:pointer}` +
            `.b{position:fixed;bottom:20px;${side}:20px;z-index:2147483000;border:0;border-radius:24px;` +
            `padding:12px 18px;color:#fff;background:${color};box-shadow:0 4px 14px rgba(0,0,0,.25);` +
            `display:flex;align-items:center;gap:8px}` +
            `.b img{width:24px;height:24px;border-radius:50%}` +
            `.i{position:fixed;bottom:80px;${side}:20px;z-index:2147483000;max-width:280px;display:flex;` +
            `background:#fff;color:#111;border-radius:10px;box-shadow:0 4px 18px rgba(0,0,0,.25)}` +
            `.i[hidden]{display:none}` +
            `.it{flex:1;text-align:left;border:0;background:none;padding:12px 14px;font-weight:400;color:inherit}` +
            `.ix{border:0;background:none;padding:8px;font-size:18px;color:#555}` +
            `button:focus-visible{outline:3px solid #111;outline-offset:2px}`;
        button.className = 'b';
        button.replaceChildren();
        if (look.imageUrl && /^https:\/\//.test(look.imageUrl)) {
            const image = document.createElement('img');
            image.src = look.imageUrl;
            image.alt = '';
            button.append(image);
        } else if (look.icon !== 'none') {
            button.append(icon(look.icon === 'help'));
        }
        button.append(document.createTextNode(config!.label || look.label));
    }
    paint();

    // ---- the visitor: one token per browser and site, made on first need ----
    let tokenRequest: Promise<string> | null = null;
    function token(): Promise<string> {
        const known = local.get('token');
        if (known) return Promise.resolve(known);
        tokenRequest =
            tokenRequest ||
            fetch(config!.gateway + '/api/session/visitors', {
                method: 'POST',
                headers: { 'Content-Type': 'application/json' },
                body: JSON.stringify({ siteKey: config!.siteKey }),
            })
                .then((r) => r.json().then((json) => ({ ok: r.status === 201, json })))
                .then(({ ok, json }) => {
                    tokenRequest = null;
                    if (!ok) throw new Error(json.code || 'refused');
                    local.set('token', String(json.token));
                    return String(json.token);
                }, (failure) => {
                    tokenRequest = null;
                    throw failure;
                });
        return tokenRequest;
    }
    const forgetToken = () => local.set('token', null);
    const identity = (): Identity => readJson(local.get('identity')) || {};

    function post(path: string, body: unknown) {
        return token().then((t) =>
            fetch(config!.gateway + path, {
                method: 'POST',
                keepalive: true,
                headers: { 'Content-Type': 'application/json', Authorization: 'Visitor ' + t },
                body: JSON.stringify(body),
            }),
        );
    }

    // ---- the panel ----
    const panelHost = document.createElement('div');
    panelHost.setAttribute('data-parley', 'panel');
    const panelRoot = panelHost.attachShadow({ mode: 'open' });
    let panel: PanelHandle | undefined;
    let loading = false;
    let isOpen = false;
    let pendingInvitation: Invitation | undefined;

    function setOpen(open: boolean, invitation?: Invitation) {
        if (open === isOpen && !invitation) return;
        isOpen = open;
        button.setAttribute('aria-expanded', String(open));
        button.style.display = open ? 'none' : '';
        tab.set('open', open ? '1' : '0');
        if (open) hideInvitation();
        emit(open ? 'open' : 'close');
        if (!open) {
            panel && panel.hide();
            button.focus();
            return;
        }
        stopListening();
        if (panel) {
            panel.show(invitation);
            return;
        }
        pendingInvitation = invitation;
        if (loading) return;
        loading = true;
        // The panel reads the site's survey and hours: it is loaded once the configuration is in.
        siteKnown.then(loadPanel);
    }

    function loadPanel() {
        // The panel bundle calls the current global's `p` with its mount function.
        parley().p = (mount: PanelMount) => {
            panel = mount(panelRoot, {
                config: config!,
                site,
                token,
                forgetToken,
                identity,
                onClose: () => setOpen(false),
                emit,
            });
            if (isOpen) panel.show(pendingInvitation);
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

    // ---- invitations ----
    let shownInvitation: Invitation | undefined;
    function showInvitation(invitation: Invitation) {
        if (isOpen || tab.get('invited') === '1') return;
        tab.set('invited', '1');
        shownInvitation = invitation;
        inviteText.textContent = (invitation.agent ? invitation.agent + ': ' : '') + invitation.message;
        invite.hidden = false;
        emit('invitation', invitation);
    }
    function hideInvitation() {
        invite.hidden = true;
    }
    inviteText.addEventListener('click', () => setOpen(true, shownInvitation));
    inviteClose.addEventListener('click', hideInvitation);

    const ruleTimers: number[] = [];
    function armRules() {
        ruleTimers.forEach(clearTimeout);
        const path = location.pathname + location.search;
        for (const rule of site.invitations || []) {
            if (!glob(rule.urlPattern).test(path) && !glob(rule.urlPattern).test(location.href)) continue;
            ruleTimers.push(
                window.setTimeout(() => {
                    available().then((yes) => yes && showInvitation({ message: rule.message }));
                }, rule.afterSeconds * 1000),
            );
            break; // the first matching rule is the page's
        }
    }
    function available(): Promise<boolean> {
        return fetch(config!.gateway + '/api/routing/availability/' + encodeURIComponent(config!.siteKey))
            .then((r) => r.json())
            .then((json) => !!json.available)
            .catch(() => false);
    }

    // An agent may invite a visitor they see on the site: a light socket while the panel is not in use
    // (it comes back after a drop like the panel's, and is shut for good once the panel opens, or
    // when the server refuses the token: that token is forgotten, the next page makes a new one).
    const listener = new ChatSocket({
        url: () => token().then((t) => socketUrl(config!.gateway, '/ws/visitor?token=', t)),
        onRefused: forgetToken,
        onFrame: (frame) => {
            if (frame.type === 'invitation') {
                tab.set('invited', null); // an agent's invitation always shows
                showInvitation({ message: String(frame.message || ''), agent: frame.agent && frame.agent.name });
            }
        },
    });
    function listen() {
        if (!panel) listener.open();
    }
    function stopListening() {
        listener.shutdown();
    }

    // ---- the JS API ----
    const commands: Record<string, (arg?: unknown, more?: unknown) => void> = {
        open: () => setOpen(true),
        close: () => setOpen(false),
        toggle: () => setOpen(!isOpen),
        identify: (arg) => {
            const given = (arg || {}) as Identity;
            const next: Identity = { ...identity() };
            if (typeof given.name === 'string') next.name = given.name.slice(0, 80);
            if (typeof given.email === 'string') next.email = given.email.slice(0, 254);
            local.set('identity', JSON.stringify(next));
            post('/api/session/visitors/me/identity', next).catch(() => undefined);
            panel && panel.identify(next);
        },
        on: (event, callback) => {
            if (typeof event === 'string' && typeof callback === 'function') {
                (listeners[event] = listeners[event] || []).push(callback as (detail?: unknown) => void);
            }
        },
    };
    function run(args: ArrayLike<unknown>) {
        const command = commands[String(args[0])];
        if (command) command(args[1], args[2]);
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
        } as unknown as ParleyGlobal;
        Object.assign(live, api, commands);
        (window as unknown as { Parley: ParleyGlobal }).Parley = live;
        for (const args of queued) run(args as ArrayLike<unknown>);
        if (tab.get('open') === '1' && !isOpen) setOpen(true);

        // The site's current configuration: the browser's cache revalidates it with its ETag.
        fetch(config!.gateway + '/api/tenant/widget/' + encodeURIComponent(config!.siteKey))
            .then((r) => (r.ok ? r.json() : null))
            .then((json: SiteConfig | null) => {
                if (!json || !json.look) return;
                site = json;
                tab.set('site', JSON.stringify(json));
                paint();
            })
            .catch(() => undefined)
            .then(() => {
                configured();
                armRules();
            });
        // The page view, for the console's list of visitors on the site.
        post('/api/session/visitors/me/page-views', {
            url: location.href,
            title: document.title.slice(0, 300),
            referrer: document.referrer || null,
        })
            .then((r) => {
                if (r.status === 401) forgetToken();
                else listen();
            })
            .catch(() => undefined);
        emit('ready');
    }

    if (document.body) start();
    else document.addEventListener('DOMContentLoaded', start);
})();


/** `*` matches anything; everything else literally. */
function glob(pattern: string): RegExp {
    return new RegExp('^' + pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*') + '$');
}

