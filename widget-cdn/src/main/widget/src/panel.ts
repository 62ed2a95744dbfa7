// The chat panel: the site's pre-chat survey (or the offline form when nobody can answer), then
// one visitor socket that resumes from the last seq seen, delivered/read marks both ways, and
// after the chat a rating and a transcript by email. Message text is only ever set with
// textContent: nothing a visitor or agent types is parsed as HTML.
import { words } from './i18n';
import type { ClientFrame, ServerFrame } from './protocol/frames';
import { ChatSocket } from './protocol/socket';
import {
    cssColor,
    parley,
    readJson,
    socketUrl,
    store,
    withinHours,
    type Identity,
    type Invitation,
    type PanelContext,
    type PanelHandle,
    type SurveyField,
} from './shared';

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
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function mount(root: ShadowRoot, context: PanelContext): PanelHandle {
    const { config, site } = context;
    const { lang, t } = words();
    const tab = store('session', config.siteKey);
    const loadJson = <T>(key: string, fallback: T): T => readJson<T>(tab.get(key)) ?? fallback;

    let token: string | null = null;
    let conversationId = tab.get('conversation');
    let lastSeq = Number(tab.get('seq')) || 0;
    let shown: Shown[] = loadJson('messages', []);
    let pending: Pending[] = loadJson('pending', []);
    let ended = tab.get('ended') === '1';
    // The agent's delivered/read marks for the visitor's messages.
    let marks: { delivered: number; read: number } = loadJson('marks', { delivered: 0, read: 0 });
    let receiptSent = { delivered: 0, read: 0 };
    let receiptTimer = 0;

    let typingTimer = 0;
    let theirTypingTimer = 0;
    let typingSent = false;
    let visible = false;
    // The last thing worth telling the visitor (queue position, agent); shown again after a reconnect.
    let info = tab.get('info') || t.waiting;

    // ---- DOM ----
    const el = <K extends keyof HTMLElementTagNameMap>(tag: K, cls?: string, text?: string) => {
        const node = document.createElement(tag);
        if (cls) node.className = cls;
        if (text) node.textContent = text;
        return node;
    };
    const button = (cls: string, text: string, onClick?: () => void) => {
        const node = el('button', cls, text);
        node.type = onClick ? 'button' : 'submit';
        if (onClick) node.addEventListener('click', onClick);
        return node;
    };
    const accent = cssColor(config.color || site.look.color);
    const side = config.position || site.look.position || 'right';
    const style = el('style');
    style.textContent =
        `:host{all:initial}` +
        `.p{position:fixed;bottom:20px;${side}:20px;z-index:2147483001;width:360px;height:540px;` +
        `max-height:calc(100vh - 40px);display:flex;flex-direction:column;background:#fff;color:#111;` +
        `border-radius:12px;box-shadow:0 8px 30px rgba(0,0,0,.3);font:14px/1.4 system-ui,sans-serif;overflow:hidden}` +
        `@media (max-width:480px){.p{inset:0;width:auto;height:auto;max-height:none;border-radius:0}}` +
        `.h{background:${accent};color:#fff;padding:12px 14px;display:flex;align-items:center;gap:8px}` +
        `.h h2{flex:1;margin:0;font-size:16px}.x{background:none;border:0;color:#fff;font-size:22px;cursor:pointer;line-height:1;padding:0 4px}` +
        `.s{padding:6px 14px;background:#f3f4f6;font-size:13px;color:#374151;display:flex;gap:8px;align-items:center}` +
        `.s span{flex:1}.s.r{background:#fef3c7}` +
        `.l{background:none;border:0;padding:0;color:#1d4ed8;text-decoration:underline;font:inherit;cursor:pointer}` +
        `.b{flex:1;overflow-y:auto;padding:12px 14px;display:flex;flex-direction:column;gap:8px}` +
        `.m{max-width:80%;padding:8px 10px;border-radius:10px;background:#f3f4f6;white-space:pre-wrap;word-wrap:break-word}` +
        `.m.v{align-self:flex-end;background:${accent};color:#fff}.m.q{opacity:.6}` +
        `.m.y{align-self:center;background:none;color:#6b7280;font-size:12px}` +
        `.n{display:block;font-size:11px;opacity:.75}` +
        `.k{align-self:flex-end;font-size:11px;color:#6b7280;margin-top:-4px}` +
        `.t{padding:0 14px;height:18px;font-size:12px;color:#6b7280}` +
        `form{display:flex;flex-direction:column;gap:10px}` +
        `label{display:flex;flex-direction:column;gap:4px;font-size:13px}` +
        `input,textarea,select{font:inherit;padding:8px;border:1px solid #9ca3af;border-radius:6px;background:#fff;color:#111}` +
        `[aria-invalid=true]{border-color:#b91c1c}` +
        `.c{display:flex;flex-direction:row;gap:6px;padding:8px;border-top:1px solid #e5e7eb}.c textarea{flex:1;resize:none;height:40px}` +
        `.go{background:${accent};color:#fff;border:0;border-radius:6px;padding:9px 12px;font:inherit;font-weight:600;cursor:pointer}` +
        `.go:disabled{opacity:.6}` +
        `.e{color:#b91c1c;font-size:12px}` +
        `.g{background:#f3f4f6;border-radius:10px;padding:8px 10px}` +
        `.r5{display:flex;gap:4px;border:0;padding:0;margin:0}.r5 legend{margin-bottom:6px}` +
        `.r5 button{font-size:24px;background:none;border:0;cursor:pointer;color:#d1d5db;padding:2px}` +
        `.r5 button[aria-checked=true]{color:#f59e0b}` +
        `button:focus-visible,input:focus-visible,textarea:focus-visible,select:focus-visible{outline:2px solid #111;outline-offset:1px}`;

    const panel = el('div', 'p');
    panel.setAttribute('role', 'dialog');
    panel.setAttribute('lang', lang);
    panel.setAttribute('aria-labelledby', 'parley-title');
    const header = el('div', 'h');
    const title = el('h2', '', config.label || site.look.title || site.look.label);
    title.id = 'parley-title';
    const closeButton = button('x', '\u00d7', context.onClose);
    closeButton.setAttribute('aria-label', t.close);
    header.append(title, closeButton);
    const status = el('div', 's');
    status.setAttribute('role', 'status');
    const statusText = el('span');
    status.append(statusText);
    const body = el('div', 'b');
    const typing = el('div', 't');
    typing.setAttribute('aria-live', 'polite');
    const composer = el('form', 'c');
    const input = el('textarea');
    input.maxLength = 4000;
    input.setAttribute('aria-label', t.message);
    input.placeholder = t.placeholder;
    composer.append(input, button('go', t.send));
    panel.append(header, status, body, typing, composer);
    panel.addEventListener('keydown', (event) => {
        if (event.key === 'Escape') context.onClose();
    });
    root.append(style, panel);

    function setStatus(text: string, reconnecting = false, action?: HTMLElement) {
        statusText.textContent = text;
        status.className = reconnecting ? 's r' : 's';
        status.replaceChildren(statusText);
        if (action) status.append(action);
    }

    function focusFirst() {
        const target = body.querySelector('input,select,textarea,button') as HTMLElement | null;
        (composer.style.display !== 'none' ? input : target || closeButton).focus();
    }

    // ---- forms: the survey and the offline form share the field builder ----
    function fieldsForm(
        fields: SurveyField[],
        submitText: string,
        onSubmit: (values: Record<string, string>, form: HTMLFormElement) => Promise<void>,
    ) {
        const form = el('form');
        form.noValidate = true;
        const known = { ...context.identity() } as Record<string, string | undefined>;
        const boxes: [SurveyField, HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement, HTMLElement][] = [];
        for (const field of fields) {
            const wrap = el('label', '', field.label + (field.required ? '' : ' ' + t.optional));
            let box: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;
            if (field.type === 'select' || field.type === 'department') {
                const select = el('select');
                select.append(new Option(t.choose, ''));
                if (field.type === 'department') for (const d of site.departments || []) select.append(new Option(d.name, d.id));
                else for (const option of field.options || []) select.append(new Option(option, option));
                box = select;
            } else if (field.type === 'textarea') {
                box = el('textarea');
                box.maxLength = 4000;
                box.rows = 4;
            } else {
                const one = el('input');
                one.type = field.type;
                one.maxLength = field.type === 'email' ? 254 : 200;
                if (field.type === 'email') one.autocomplete = 'email';
                if (field.name === 'name') one.autocomplete = 'name';
                box = one;
            }
            box.name = field.name;
            if (known[field.name]) box.value = String(known[field.name]);
            const error = el('span', 'e');
            error.id = 'parley-error-' + field.name;
            box.setAttribute('aria-describedby', error.id);
            if (field.required) box.setAttribute('aria-required', 'true');
            wrap.append(box, error);
            form.append(wrap);
            boxes.push([field, box, error]);
        }
        const problem = el('div', 'e');
        problem.setAttribute('role', 'alert');
        const submit = button('go', submitText);
        form.append(problem, submit);
        form.addEventListener('submit', (event) => {
            event.preventDefault();
            const values: Record<string, string> = {};
            let firstBad: HTMLElement | null = null;
            for (const [field, box, error] of boxes) {
                const value = box.value.trim();
                const message =
                    field.required && !value
                        ? t.required
                        : field.type === 'email' && value && !EMAIL.test(value)
                          ? t.badEmail
                          : '';
                error.textContent = message;
                box.setAttribute('aria-invalid', String(!!message));
                if (message && !firstBad) firstBad = box;
                if (value) values[field.name] = value;
            }
            if (firstBad) {
                firstBad.focus();
                return;
            }
            submit.disabled = true;
            problem.textContent = '';
            onSubmit(values, form).catch((failure: Error) => {
                submit.disabled = false;
                problem.textContent = failure.message === 'not_here' ? t.notHere : t.unreachable;
            });
        });
        return form;
    }

    function showSurvey(invitation?: Invitation) {
        stopChat();
        composer.style.display = 'none';
        body.replaceChildren();
        setStatus(t.survey);
        if (invitation && invitation.message) body.append(bubble('agent', invitation.agent || '', invitation.message));
        else if (site.look.greeting) body.append(el('div', 'g', site.look.greeting));
        const fields = site.survey && site.survey.length ? site.survey : [];
        body.append(
            fieldsForm(fields, t.start, async (answers) => {
                // The chooser's answer is the department's id: the chat goes there, the agent reads its name.
                const chooser = fields.find((f) => f.type === 'department');
                const chosen = chooser && (site.departments || []).find((d) => d.id === answers[chooser.name]);
                if (chooser && chosen) {
                    answers[chooser.name] = chosen.name;
                    if (!withinHours(chosen.hours)) return showOffline(answers);
                }
                return startChat(answers, chosen ? chosen.id : undefined);
            }),
        );
        if (visible) focusFirst();
    }

    function showOffline(prefill?: Record<string, string>) {
        stopChat();
        composer.style.display = 'none';
        body.replaceChildren();
        setStatus(site.offline && site.offline.message ? site.offline.message : t.offlineTitle);
        const form = fieldsForm(
            [
                { name: 'name', label: t.name, type: 'text', required: true },
                { name: 'email', label: t.email, type: 'email', required: true },
                { name: 'message', label: t.yourMessage, type: 'textarea', required: true },
            ],
            t.sendMessage,
            async (values) => {
                const answers: Record<string, string> = { ...(prefill || {}) };
                delete answers.name;
                delete answers.email;
                const left = await call('POST', '/api/session/offline-messages', {
                    name: values.name,
                    email: values.email,
                    message: values.message,
                    answers,
                    pageUrl: location.href.slice(0, 2048),
                });
                if (left.status !== 201) throw new Error(left.json.code || 'failed');
                body.replaceChildren(el('div', 'g', t.offlineThanks));
                setStatus(t.offlineThanks);
                context.emit('offline.sent', { id: left.json.id });
            },
        );
        if (prefill) {
            for (const [name, value] of Object.entries(prefill)) {
                const box = form.querySelector(`[name="${name}"]`) as HTMLInputElement | null;
                if (box && !box.value) box.value = value;
            }
        }
        body.append(form);
        if (visible) focusFirst();
    }

    async function call(method: string, path: string, payload?: unknown, retried = false): Promise<{ status: number; json: Frame }> {
        token = await context.token();
        const headers: Record<string, string> = { Authorization: 'Visitor ' + token };
        if (payload !== undefined) headers['Content-Type'] = 'application/json';
        const response = await fetch(config.gateway + path, {
            method,
            headers,
            body: payload === undefined ? undefined : JSON.stringify(payload),
        });
        const json: Frame = await response.json().catch(() => ({}));
        if (response.status === 401 && !retried) {
            // The stored token is no longer valid: become a new visitor once.
            context.forgetToken();
            return call(method, path, payload, true);
        }
        return { status: response.status, json };
    }

    async function canAnswer(): Promise<boolean> {
        if (!withinHours(site.hours)) return false;
        try {
            const response = await fetch(
                config.gateway + '/api/routing/availability/' + encodeURIComponent(config.siteKey),
            );
            const json = await response.json();
            return !!json.available;
        } catch {
            return true; // unknown: let the visitor try; routing tells them if nobody answers
        }
    }

    async function startChat(answers: Record<string, string>, departmentId?: string): Promise<void> {
        let created;
        try {
            created = await call('POST', '/api/session/conversations', {
                departmentId,
                answers,
                pageUrl: location.href.slice(0, 2048),
            });
        } catch (failure) {
            const code = (failure as Error).message;
            throw new Error(code === 'origin_not_allowed' || code === 'unknown_site' ? 'not_here' : 'failed');
        }
        let id: string | undefined;
        if (created.status === 201) {
            id = created.json.conversationId;
        } else if (created.status === 409 && created.json.code === 'conversation_open') {
            const open = await call('GET', '/api/session/conversations?state=open');
            const first = open.json.conversations && open.json.conversations[0];
            id = first && first.conversationId;
        }
        if (!id) throw new Error(created.json.code === 'no_department' ? 'not_here' : 'failed');
        tab.set('answers', JSON.stringify(answers));
        conversationId = id;
        lastSeq = 0;
        shown = [];
        pending = [];
        ended = false;
        marks = { delivered: 0, read: 0 };
        receiptSent = { delivered: 0, read: 0 };
        tab.set('conversation', id);
        tab.set('seq', '0');
        tab.set('messages', '[]');
        tab.set('pending', '[]');
        tab.set('marks', null);
        tab.set('ended', null);
        tab.set('info', null);
        info = t.waiting;
        context.emit('chat.started', { conversationId: id });
        showChat();
        if (visible) input.focus();
        connect();
    }

    // ---- conversation ----
    function showChat() {
        body.replaceChildren();
        body.setAttribute('role', 'log');
        for (const message of shown) body.append(bubble(message.kind, message.name, message.text));
        for (const message of pending) body.append(pendingBubble(message));
        composer.style.display = ended ? 'none' : '';
        if (ended) showEnded(t.ended);
        else setStatus(t.connecting);
        showMarks();
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

    /** Under the visitor's last stored message: sent, delivered or read by the agent. */
    function showMarks() {
        const old = body.querySelector('.k');
        old && old.remove();
        let last: Shown | undefined;
        for (const message of shown) if (message.kind === 'visitor') last = message;
        if (!last || ended) return;
        const nodes = body.querySelectorAll('.m.v:not(.q)');
        const node = nodes[nodes.length - 1];
        if (!node) return;
        const mark = el('div', 'k', last.seq <= marks.read ? t.read : last.seq <= marks.delivered ? t.delivered : t.sent);
        node.after(mark);
    }

    function scroll() {
        body.scrollTop = body.scrollHeight;
    }

    function showEnded(text: string) {
        const closedConversation = conversationId;
        ended = true;
        tab.set('ended', '1');
        composer.style.display = 'none';
        theirTyping(false);
        setStatus(text);
        const old = body.querySelector('.k');
        old && old.remove();
        if (closedConversation && tab.get('rated') !== closedConversation) body.append(ratingForm(closedConversation));
        if (closedConversation && tab.get('transcript') !== closedConversation) body.append(transcriptForm(closedConversation));
        body.append(
            button('go', t.newChat, () => {
                conversationId = null;
                tab.set('conversation', null);
                shutdown();
                showSurvey();
            }),
        );
        scroll();
    }

    function ratingForm(id: string) {
        const form = el('form');
        const stars = el('fieldset', 'r5');
        stars.setAttribute('role', 'radiogroup');
        stars.append(el('legend', '', t.rate));
        let score = 0;
        const choices: HTMLButtonElement[] = [];
        for (let n = 1; n <= 5; n++) {
            const star = button('', '\u2605', () => {
                score = n;
                choices.forEach((c, i) => {
                    c.setAttribute('aria-checked', String(i < n));
                    c.tabIndex = i === n - 1 ? 0 : -1;
                });
            });
            star.setAttribute('role', 'radio');
            star.setAttribute('aria-checked', 'false');
            star.setAttribute('aria-label', t.stars(n));
            star.dataset.score = String(n);
            star.tabIndex = n === 1 ? 0 : -1;
            star.addEventListener('keydown', (event) => {
                const next = event.key === 'ArrowRight' ? n : event.key === 'ArrowLeft' ? n - 2 : -1;
                if (next >= 0 && next < 5) {
                    event.preventDefault();
                    choices[next].click();
                    choices[next].focus();
                }
            });
            choices.push(star);
            stars.append(star);
        }
        const commentLabel = el('label', '', t.comment);
        const comment = el('textarea');
        comment.name = 'comment';
        comment.maxLength = 1000;
        comment.rows = 2;
        commentLabel.append(comment);
        const problem = el('div', 'e');
        problem.setAttribute('role', 'alert');
        const submit = button('go', t.sendRating);
        form.append(stars, commentLabel, problem, submit);
        form.addEventListener('submit', (event) => {
            event.preventDefault();
            if (!score) {
                problem.textContent = t.required;
                choices[0].focus();
                return;
            }
            submit.disabled = true;
            const payload: Frame = { score };
            if (comment.value.trim()) payload.comment = comment.value.trim();
            call('POST', `/api/session/conversations/${id}/rating`, payload)
                .then((response) => {
                    if (response.status !== 204 && response.json.code !== 'already_rated') throw new Error();
                    tab.set('rated', id);
                    form.replaceWith(el('div', 'g', t.ratingThanks));
                    context.emit('rating.sent', { score });
                })
                .catch(() => {
                    submit.disabled = false;
                    problem.textContent = t.unreachable;
                });
        });
        return form;
    }

    function transcriptForm(id: string) {
        const answers = loadJson<Record<string, string>>('answers', {});
        const form = fieldsForm(
            [{ name: 'email', label: t.transcript, type: 'email', required: true }],
            t.transcriptSend,
            async (values) => {
                const response = await call('POST', `/api/session/conversations/${id}/transcript`, { email: values.email });
                if (response.status !== 202) throw new Error(response.json.code || 'failed');
                tab.set('transcript', id);
                form.replaceWith(el('div', 'g', t.transcriptThanks(values.email)));
            },
        );
        const box = form.querySelector('input') as HTMLInputElement;
        if (!box.value && answers.email) box.value = answers.email;
        return form;
    }

    // The visitor socket: resumes this chat from the last seq on every open, pings, and on each
    // ping resends what the server has not acknowledged yet (same clientMsgId: stored once).
    const socket = new ChatSocket({
        url: () =>
            context.token().then((visitorToken) => {
                token = visitorToken;
                return socketUrl(config.gateway, '/ws/visitor?token=', visitorToken);
            }),
        resume: () => (conversationId ? { [conversationId]: lastSeq } : null),
        onOpen: () => {
            resendPending(0);
            setStatus(info, false, endButton());
            receiptSent = { delivered: 0, read: 0 };
            receipts();
        },
        onState: (state) => state === 'reconnecting' && setStatus(t.reconnecting, true),
        pingMs: PING_MS,
        onPing: () => resendPending(RESEND_MS),
        onFrame: (frame) => handle(frame),
    });
    const transmit = (frame: ClientFrame) => socket.send(frame);

    function connect() {
        if (conversationId && !ended) socket.open();
    }

    function endButton() {
        return button('l', t.endChat, () => conversationId && transmit({ type: 'conversation.close', conversationId }));
    }

    function shutdown() {
        clearTimeout(receiptTimer);
        receiptTimer = 0;
        socket.close();
    }

    function stopChat() {
        shutdown();
        body.removeAttribute('role');
    }

    function resendPending(olderThan: number) {
        const now = Date.now();
        for (const message of pending) {
            if (now - message.sentAt < olderThan || !conversationId) continue;
            message.sentAt = now;
            transmit({
                type: 'message.send',
                conversationId,
                clientMsgId: message.clientMsgId,
                text: message.text,
            });
        }
        tab.set('pending', JSON.stringify(pending));
    }

    /** Tells the agent how far the visitor has received and read; batched, at most a few a second. */
    function receipts() {
        // A throttle, not a debounce: a steady stream of messages still gets its marks every 250 ms.
        if (receiptTimer) return;
        receiptTimer = window.setTimeout(() => {
            receiptTimer = 0;
            const read = visible && document.visibilityState === 'visible' ? lastSeq : receiptSent.read;
            if (conversationId && (lastSeq > receiptSent.delivered || read > receiptSent.read)) {
                receiptSent = { delivered: lastSeq, read };
                transmit({ type: 'receipt', conversationId, delivered: lastSeq, read });
            }
        }, 250);
    }
    document.addEventListener('visibilitychange', receipts);

    function handle(frame: ServerFrame) {
        if (frame.conversationId && frame.conversationId !== conversationId) return;
        switch (frame.type) {
            case 'message': {
                const seq = Number(frame.seq);
                if (!(seq > lastSeq)) return;
                lastSeq = seq;
                tab.set('seq', String(seq));
                if (frame.visibility === 'agents') return;
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
                    tab.set('pending', JSON.stringify(pending));
                }
                shown.push(message);
                if (shown.length > MAX_CACHED) shown = shown.slice(-MAX_CACHED);
                tab.set('messages', JSON.stringify(shown));
                const first = body.querySelector('.q');
                const node = bubble(message.kind, message.name, message.text);
                first ? body.insertBefore(node, first) : body.append(node);
                if (message.kind !== 'visitor') theirTyping(false);
                showMarks();
                scroll();
                receipts();
                context.emit('message', { kind: message.kind, text: message.text });
                break;
            }
            case 'receipt':
                if (frame.by === 'agent') {
                    marks = {
                        delivered: Math.max(marks.delivered, Number(frame.delivered) || 0),
                        read: Math.max(marks.read, Number(frame.read) || 0),
                    };
                    tab.set('marks', JSON.stringify(marks));
                    showMarks();
                }
                break;
            case 'typing':
                if ((frame.sender || {}).kind !== 'visitor') theirTyping(!!frame.typing, (frame.sender || {}).name);
                break;
            case 'conversation.queued': {
                const wait = Number(frame.estimatedWaitSeconds) || 0;
                info = t.queued(Number(frame.position) || 1, wait > 0 ? Math.max(1, Math.round(wait / 60)) : 0);
                tab.set('info', info);
                setStatus(info, false, endButton());
                break;
            }
            case 'conversation.assigned':
                info = t.chattingWith((frame.agent || {}).name || t.anAgent);
                tab.set('info', info);
                setStatus(info, false, endButton());
                context.emit('chat.assigned', { agent: (frame.agent || {}).name });
                break;
            case 'conversation.unavailable':
                if (frame.reason === 'queue_full') {
                    shutdown();
                    showEnded(t.busy);
                } else {
                    // Nobody online: the chat stays queued; the visitor may leave a message instead.
                    setStatus(
                        t.nobody,
                        false,
                        button('l', t.leaveMessage, () => {
                            if (conversationId) transmit({ type: 'conversation.close', conversationId });
                            conversationId = null;
                            tab.set('conversation', null);
                            showOffline(loadJson('answers', {}));
                        }),
                    );
                }
                break;
            case 'conversation.closed':
                shutdown();
                showEnded(t.ended);
                context.emit('chat.ended', { conversationId });
                break;
            case 'error':
                if (frame.code === 'conversation_closed') {
                    shutdown();
                    showEnded(t.ended);
                } else if (frame.code === 'invalid' && frame.ref && frame.ref.clientMsgId) {
                    // This message will never be accepted: drop it rather than retry forever.
                    const refused = frame.ref.clientMsgId;
                    pending = pending.filter((p) => p.clientMsgId !== refused);
                    tab.set('pending', JSON.stringify(pending));
                    const node = body.querySelector(`[data-client="${CSS.escape(refused)}"]`);
                    node && node.remove();
                }
                // rate_limited and unavailable: the message stays pending and is sent again.
                break;
        }
    }

    function theirTyping(on: boolean, name?: string) {
        clearTimeout(theirTypingTimer);
        typing.textContent = on ? t.typing(name || t.theAgent) : '';
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

    let started = false;
    function begin(invitation?: Invitation) {
        if (started) return;
        started = true;
        if (conversationId) {
            showChat();
            connect();
            return;
        }
        setStatus(t.connecting);
        canAnswer().then((yes) => (yes ? showSurvey(invitation) : showOffline()));
    }

    return {
        show(invitation?: Invitation) {
            visible = true;
            panel.style.display = '';
            if (!started) begin(invitation);
            else if (invitation && !conversationId) showSurvey(invitation);
            focusFirst();
            receipts();
        },
        hide() {
            visible = false;
            panel.style.display = 'none';
        },
        identify(identity: Identity) {
            for (const [name, value] of Object.entries(identity)) {
                const box = body.querySelector(`form [name="${name}"]`) as HTMLInputElement | null;
                if (box && !box.value && value) box.value = value;
            }
        },
    };
}

const api = parley();
if (api && api.p) api.p(mount);
