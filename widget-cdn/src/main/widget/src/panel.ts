// The chat panel: pre-chat survey, then one visitor socket that resumes from the last seq seen.
// Message text is only ever set with textContent: nothing a visitor or agent types is parsed
// as HTML.
import { parley, STORAGE_PREFIX, type PanelHandle, type WidgetConfig } from './shared';

interface Shown {
    seq: number;
    kind: string;
    name: string;
    text: string;
}

interface Pending {
    clientMsgId: string;
    text: string;
    sentAt: number;
}

// Frames are JSON objects from the server; fields are read defensively.
type Frame = Record<string, any>;

const MAX_CACHED = 200;
const PING_MS = 25_000;
const RESEND_MS = 5_000;

function mount(root: ShadowRoot, config: WidgetConfig, onClose: () => void): PanelHandle {
    const prefix = STORAGE_PREFIX + config.siteKey + '.';
    const load = (key: string): string | null => {
        try {
            return sessionStorage.getItem(prefix + key);
        } catch {
            return null;
        }
    };
    const save = (key: string, value: string | null) => {
        try {
            if (value === null) sessionStorage.removeItem(prefix + key);
            else sessionStorage.setItem(prefix + key, value);
        } catch {
            // storage refused: this page still works, the next one starts afresh
        }
    };
    const loadJson = <T>(key: string, fallback: T): T => {
        try {
            return JSON.parse(load(key) || '') as T;
        } catch {
            return fallback;
        }
    };

    let token = load('token');
    let conversationId = load('conversation');
    let lastSeq = Number(load('seq')) || 0;
    let shown: Shown[] = loadJson('messages', []);
    let pending: Pending[] = loadJson('pending', []);
    let ended = load('ended') === '1';

    let socket: WebSocket | null = null;
    let attempts = 0;
    let reconnectTimer = 0;
    let pingTimer = 0;
    let typingTimer = 0;
    let theirTypingTimer = 0;
    let typingSent = false;
    // The last thing worth telling the visitor (queue position, agent); shown again after a reconnect.
    let info = load('info') || 'Connected. Waiting for an answer…';

    // ---- DOM ----
    const el = <K extends keyof HTMLElementTagNameMap>(tag: K, cls?: string, text?: string) => {
        const node = document.createElement(tag);
        if (cls) node.className = cls;
        if (text) node.textContent = text;
        return node;
    };
    const style = el('style');
    const accent = /^(#[0-9a-fA-F]{3,8}|[a-zA-Z]{3,20})$/.test(config.color) ? config.color : '#2563eb';
    style.textContent =
        `:host{all:initial}` +
        `.p{position:fixed;bottom:20px;${config.position}:20px;z-index:2147483001;width:360px;height:520px;` +
        `max-height:calc(100vh - 40px);display:flex;flex-direction:column;background:#fff;color:#111;` +
        `border-radius:12px;box-shadow:0 8px 30px rgba(0,0,0,.3);font:14px/1.4 system-ui,sans-serif;overflow:hidden}` +
        `@media (max-width:480px){.p{inset:0;width:auto;height:auto;max-height:none;border-radius:0}}` +
        `.h{background:${accent};color:#fff;padding:12px 14px;display:flex;align-items:center;gap:8px}` +
        `.h b{flex:1}.x{background:none;border:0;color:#fff;font-size:20px;cursor:pointer;line-height:1}` +
        `.s{padding:6px 14px;background:#f3f4f6;font-size:13px;color:#374151}` +
        `.s.r{background:#fef3c7}` +
        `.b{flex:1;overflow-y:auto;padding:12px 14px;display:flex;flex-direction:column;gap:8px}` +
        `.m{max-width:80%;padding:8px 10px;border-radius:10px;background:#f3f4f6;white-space:pre-wrap;word-wrap:break-word}` +
        `.m.v{align-self:flex-end;background:${accent};color:#fff}.m.q{opacity:.6}.m.y{align-self:center;background:none;color:#6b7280;font-size:12px}` +
        `.n{display:block;font-size:11px;opacity:.75}` +
        `.t{padding:0 14px;height:18px;font-size:12px;color:#6b7280}` +
        `form{display:flex;flex-direction:column;gap:8px;padding:14px}` +
        `label{display:flex;flex-direction:column;gap:4px;font-size:13px}` +
        `input,textarea{font:inherit;padding:8px;border:1px solid #d1d5db;border-radius:6px}` +
        `.c{display:flex;gap:6px;padding:8px;border-top:1px solid #e5e7eb}.c textarea{flex:1;resize:none;height:40px}` +
        `.go{background:${accent};color:#fff;border:0;border-radius:6px;padding:8px 12px;font:inherit;cursor:pointer}` +
        `.e{color:#b91c1c;font-size:13px}` +
        `button:focus-visible,input:focus-visible,textarea:focus-visible{outline:2px solid #111;outline-offset:1px}`;

    const panel = el('div', 'p');
    panel.setAttribute('role', 'dialog');
    panel.setAttribute('aria-label', config.label);
    const header = el('div', 'h');
    const title = el('b', '', config.label);
    const closeButton = el('button', 'x', '\u00d7');
    closeButton.type = 'button';
    closeButton.setAttribute('aria-label', 'Close chat');
    closeButton.addEventListener('click', onClose);
    header.append(title, closeButton);
    const status = el('div', 's');
    status.setAttribute('role', 'status');
    status.setAttribute('aria-live', 'polite');
    const body = el('div', 'b');
    body.setAttribute('aria-live', 'polite');
    const typing = el('div', 't');
    const composer = el('form', 'c');
    const input = el('textarea');
    input.maxLength = 4000;
    input.setAttribute('aria-label', 'Your message');
    input.placeholder = 'Type a message…';
    const send = el('button', 'go', 'Send');
    send.type = 'submit';
    composer.append(input, send);
    panel.append(header, status, body, typing, composer);
    panel.addEventListener('keydown', (event) => {
        if (event.key === 'Escape') onClose();
    });
    root.append(style, panel);

    function setStatus(text: string, reconnecting = false) {
        status.textContent = text;
        status.className = reconnecting ? 's r' : 's';
    }

    // ---- survey ----
    function showSurvey(error?: string) {
        composer.style.display = 'none';
        body.replaceChildren();
        setStatus('Tell us who you are and we will connect you.');
        const form = el('form');
        const field = (label: string, name: string, type: string, required: boolean) => {
            const wrap = el('label', '', label);
            const box = el('input');
            box.name = name;
            box.type = type;
            box.required = required;
            box.maxLength = 200;
            wrap.append(box);
            form.append(wrap);
            return box;
        };
        const name = field('Name', 'name', 'text', true);
        const email = field('Email (optional)', 'email', 'email', false);
        const order = field('Order number (optional)', 'order', 'text', false);
        if (error) form.append(el('div', 'e', error));
        const start = el('button', 'go', 'Start chat');
        start.type = 'submit';
        form.append(start);
        form.addEventListener('submit', (event) => {
            event.preventDefault();
            start.disabled = true;
            const answers: Record<string, string> = { name: name.value.trim() };
            if (email.value.trim()) answers.email = email.value.trim();
            if (order.value.trim()) answers.order = order.value.trim();
            startChat(answers).catch(() => showSurvey('We could not reach the chat service. Please try again.'));
        });
        body.append(form);
        name.focus();
    }

    async function call(method: string, path: string, payload?: unknown) {
        const headers: Record<string, string> = {};
        if (payload !== undefined) headers['Content-Type'] = 'application/json';
        if (token) headers.Authorization = 'Visitor ' + token;
        const response = await fetch(config.gateway + path, {
            method,
            headers,
            body: payload === undefined ? undefined : JSON.stringify(payload),
        });
        const json: Frame = await response.json().catch(() => ({}));
        return { status: response.status, json };
    }

    async function startChat(answers: Record<string, string>, retried = false): Promise<void> {
        if (!token) {
            const visitor = await call('POST', '/api/session/visitors', { siteKey: config.siteKey });
            if (visitor.status !== 201) {
                showSurvey(
                    visitor.json.code === 'origin_not_allowed' || visitor.json.code === 'unknown_site'
                        ? 'Chat is not available on this website.'
                        : 'We could not start the chat. Please try again.',
                );
                return;
            }
            token = String(visitor.json.token);
            save('token', token);
        }
        const created = await call('POST', '/api/session/conversations', { answers, pageUrl: location.href });
        let id: string | undefined;
        if (created.status === 201) {
            id = created.json.conversationId;
        } else if (created.status === 409 && created.json.code === 'conversation_open') {
            const open = await call('GET', '/api/session/conversations?state=open');
            const first = open.json.conversations && open.json.conversations[0];
            id = first && first.conversationId;
        } else if (created.status === 401 && !retried) {
            // The stored token is no longer valid: become a new visitor once.
            token = null;
            save('token', null);
            return startChat(answers, true);
        }
        if (!id) {
            showSurvey(
                created.json.code === 'no_department'
                    ? 'Chat is not available on this website.'
                    : 'We could not start the chat. Please try again.',
            );
            return;
        }
        conversationId = id;
        lastSeq = 0;
        shown = [];
        pending = [];
        ended = false;
        save('conversation', id);
        save('seq', '0');
        save('messages', '[]');
        save('pending', '[]');
        save('ended', null);
        save('info', null);
        info = 'Connected. Waiting for an answer…';
        showChat();
        connect();
    }

    // ---- conversation ----
    function showChat() {
        body.replaceChildren();
        for (const message of shown) body.append(bubble(message.kind, message.name, message.text));
        for (const message of pending) body.append(pendingBubble(message));
        composer.style.display = ended ? 'none' : '';
        if (ended) showEnded('This chat has ended.');
        else setStatus('Connecting…');
        scroll();
    }

    function bubble(kind: string, name: string, text: string) {
        const node = el('div', kind === 'visitor' ? 'm v' : kind === 'system' ? 'm y' : 'm');
        if (kind === 'agent' && name) node.append(el('span', 'n', name));
        node.append(document.createTextNode(text));
        return node;
    }

    function pendingBubble(message: Pending) {
        const node = bubble('visitor', '', message.text);
        node.classList.add('q');
        node.dataset.client = message.clientMsgId;
        return node;
    }

    function scroll() {
        body.scrollTop = body.scrollHeight;
    }

    function showEnded(text: string) {
        ended = true;
        save('ended', '1');
        composer.style.display = 'none';
        setStatus(text);
        const again = el('button', 'go', 'Start a new chat');
        again.type = 'button';
        again.addEventListener('click', () => {
            conversationId = null;
            save('conversation', null);
            shutdown();
            showSurvey();
        });
        body.append(again);
        scroll();
    }

    function transmit(frame: object) {
        if (socket && socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(frame));
    }

    function connect() {
        if (!token || !conversationId || ended || socket) return;
        const url = config.gateway.replace(/^http/, 'ws') + '/ws/visitor?token=' + encodeURIComponent(token);
        const ws = new WebSocket(url);
        socket = ws;
        ws.onopen = () => {
            attempts = 0;
            transmit({ type: 'resume', conversations: { [conversationId!]: lastSeq } });
            resendPending(0);
            clearInterval(pingTimer);
            pingTimer = window.setInterval(() => {
                transmit({ type: 'ping' });
                resendPending(RESEND_MS);
            }, PING_MS);
            setStatus(info);
        };
        ws.onmessage = (event) => {
            let frame: Frame;
            try {
                frame = JSON.parse(String(event.data));
            } catch {
                return;
            }
            handle(frame);
        };
        ws.onclose = () => {
            if (socket !== ws) return;
            socket = null;
            clearInterval(pingTimer);
            if (ended || !conversationId) return;
            // Any node can take the socket back; back off so a restart is not stampeded.
            setStatus('Reconnecting…', true);
            const delay = Math.min(30_000, 1000 * 2 ** attempts++) * (0.5 + Math.random() / 2);
            clearTimeout(reconnectTimer);
            reconnectTimer = window.setTimeout(connect, delay);
        };
    }

    function shutdown() {
        clearTimeout(reconnectTimer);
        clearInterval(pingTimer);
        const ws = socket;
        socket = null;
        if (ws) ws.close(1000);
    }

    function resendPending(olderThan: number) {
        const now = Date.now();
        for (const message of pending) {
            if (now - message.sentAt < olderThan) continue;
            message.sentAt = now;
            transmit({
                type: 'message.send',
                conversationId,
                clientMsgId: message.clientMsgId,
                text: message.text,
            });
        }
        save('pending', JSON.stringify(pending));
    }

    function handle(frame: Frame) {
        if (frame.conversationId && frame.conversationId !== conversationId) return;
        switch (frame.type) {
            case 'message': {
                const seq = Number(frame.seq);
                if (!(seq > lastSeq) || frame.visibility === 'agents') return;
                lastSeq = seq;
                const sender = frame.sender || {};
                const message: Shown = {
                    seq,
                    kind: String(sender.kind || 'system'),
                    name: String(sender.name || ''),
                    text: String(frame.text || ''),
                };
                const waiting = pending.findIndex((p) => p.clientMsgId === frame.clientMsgId);
                if (waiting >= 0) {
                    pending.splice(waiting, 1);
                    const node = body.querySelector(`[data-client="${CSS.escape(String(frame.clientMsgId))}"]`);
                    node && node.remove();
                    save('pending', JSON.stringify(pending));
                }
                shown.push(message);
                if (shown.length > MAX_CACHED) shown = shown.slice(-MAX_CACHED);
                save('seq', String(seq));
                save('messages', JSON.stringify(shown));
                const first = body.querySelector('.q');
                const node = bubble(message.kind, message.name, message.text);
                first ? body.insertBefore(node, first) : body.append(node);
                if (message.kind !== 'visitor') theirTyping(false);
                scroll();
                break;
            }
            case 'typing':
                if ((frame.sender || {}).kind !== 'visitor') theirTyping(!!frame.typing, (frame.sender || {}).name);
                break;
            case 'conversation.queued': {
                const wait = Number(frame.estimatedWaitSeconds) || 0;
                info =
                    `You are number ${frame.position} in the queue` +
                    (wait > 0 ? `, about ${Math.max(1, Math.round(wait / 60))} min.` : '.');
                save('info', info);
                setStatus(info);
                break;
            }
            case 'conversation.assigned':
                info = 'You are chatting with ' + ((frame.agent || {}).name || 'an agent') + '.';
                save('info', info);
                setStatus(info);
                break;
            case 'conversation.unavailable':
                shutdown();
                showEnded(
                    frame.reason === 'queue_full'
                        ? 'All our agents are busy right now. Please try again later.'
                        : frame.reason === 'no_agent_online'
                          ? 'No one is available to chat right now. Please try again later.'
                          : 'This chat has ended.',
                );
                break;
            case 'conversation.closed':
                shutdown();
                showEnded('This chat has ended.');
                break;
            case 'error':
                if (frame.code === 'conversation_closed') {
                    shutdown();
                    showEnded('This chat has ended.');
                } else if (frame.code === 'invalid' && frame.ref && frame.ref.clientMsgId) {
                    // This message will never be accepted: drop it rather than retry forever.
                    pending = pending.filter((p) => p.clientMsgId !== frame.ref.clientMsgId);
                    save('pending', JSON.stringify(pending));
                    const node = body.querySelector(`[data-client="${CSS.escape(String(frame.ref.clientMsgId))}"]`);
                    node && node.remove();
                }
                // rate_limited and unavailable: the message stays pending and is sent again.
                break;
        }
    }

    function theirTyping(on: boolean, name?: string) {
        clearTimeout(theirTypingTimer);
        typing.textContent = on ? (name || 'The agent') + ' is typing…' : '';
        // A lost "stopped typing" frame must not leave the indicator up for ever.
        if (on) theirTypingTimer = window.setTimeout(() => theirTyping(false), 8000);
    }

    function sendTyping(on: boolean) {
        if (typingSent === on || !conversationId) return;
        typingSent = on;
        transmit({ type: 'typing', conversationId, typing: on });
    }

    input.addEventListener('input', () => {
        sendTyping(input.value.length > 0);
        clearTimeout(typingTimer);
        typingTimer = window.setTimeout(() => sendTyping(false), 3000);
    });
    input.addEventListener('keydown', (event) => {
        if (event.key === 'Enter' && !event.shiftKey) {
            event.preventDefault();
            composer.requestSubmit();
        }
    });
    composer.addEventListener('submit', (event) => {
        event.preventDefault();
        const text = input.value.trim();
        if (!text || !conversationId || ended) return;
        input.value = '';
        clearTimeout(typingTimer);
        sendTyping(false);
        const message: Pending = {
            clientMsgId: 'c-' + Date.now().toString(36) + Math.random().toString(36).slice(2, 8),
            text,
            sentAt: 0,
        };
        pending.push(message);
        body.append(pendingBubble(message));
        scroll();
        resendPending(0);
    });

    if (conversationId) {
        showChat();
        connect();
    } else {
        showSurvey();
    }

    return {
        show() {
            panel.style.display = '';
            (conversationId && !ended ? input : closeButton).focus();
        },
        hide() {
            panel.style.display = 'none';
        },
    };
}

const api = parley();
if (api && api.p) api.p(mount);
