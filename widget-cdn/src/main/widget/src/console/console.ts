// The agent console, served by the gateway at /console. Speaks the same protocol as any client:
// HTTP through the gateway with the agent's JWT, and one agent socket (/ws/agent) for queue,
// offers, messages, typing, receipts, mood and internal chat. Message text is only ever set as
// text: nothing a visitor or agent typed is parsed as HTML.
import { clock, fill, h } from './dom';
import { socketUrl } from '../shared';
import { Session } from './session';
import { STYLE } from './style';

type Frame = Record<string, any>;

interface Me {
    id: string;
    tenantId: string;
    name: string;
    roles: string[];
    departmentIds: string[];
}

interface Message {
    seq: number;
    kind: string;
    senderId?: string;
    name: string;
    text: string;
    agentsOnly: boolean;
}

interface Chat {
    id: string;
    kind: 'visitor' | 'internal';
    title: string;
    visitorId?: string;
    departmentId?: string;
    agentId?: string;
    /** Opened by a supervisor who is not its agent: observing silently. */
    observing: boolean;
    messages: Message[];
    lastSeq: number;
    unread: number;
    typing: string;
    mood?: { mood: number; label: string; trend: number[] };
    visitorRead: number;
    closed: boolean;
    earlier?: Frame[];
    /** Whether this console told the others it is typing here, and when it stops telling. */
    typingSent?: boolean;
    typingTimer?: number;
    /** Joined a colleague's chat: replies reach the visitor, but it is not this agent's to close or transfer. */
    joined?: boolean;
}

interface QueueEntry {
    conversationId: string;
    visitorName: string;
    waitingSince: string;
    position: number;
    answers?: Record<string, string>;
    pageUrl?: string;
    departmentId: string;
}

const SUPERVISING = ['supervisor', 'admin', 'owner'];
const gateway = location.origin;
const session = new Session(gateway, () => logout());

const state = {
    me: null as Me | null,
    status: 'offline' as 'online' | 'away' | 'offline',
    departments: new Map<string, { name: string; routingMode: string }>(),
    users: new Map<string, { name: string; roles: string[]; departmentIds: string[] }>(),
    queues: new Map<string, QueueEntry[]>(),
    offers: new Map<string, { visitorName: string; departmentId: string; expiresAt: number }>(),
    chats: new Map<string, Chat>(),
    active: '' as string,
    view: 'chats' as 'chats' | 'supervisor' | 'visitors' | 'offline' | 'canned',
    canned: [] as { id: string; shortcut: string; text: string; title?: string; shared: boolean }[],
    internal: [] as Frame[],
    live: [] as Frame[],
    offline: [] as Frame[],
    supervisor: { conversations: [] as Frame[], agents: [] as Frame[], alerts: new Map<string, Frame>() },
    noteMode: false,
    socket: null as WebSocket | null,
    attempts: 0,
    seenRequests: new Set<string>(),
    /** Colleagues asking this agent into their chats: conversationId → who and with whom. */
    invitedTo: new Map<string, { visitorName: string; by: string }>(),
};

const root = h('div.app');
document.head.append(h('style', null, STYLE));
document.body.append(root);

// ---------- HTTP ----------
async function api(method: string, path: string, body?: unknown, renewed = false): Promise<Frame> {
    await session.fresh();
    const headers: Record<string, string> = { Authorization: 'Bearer ' + session.access };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const response = await fetch(gateway + path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (response.status === 401) {
        // The access token ran out between checks: renew once and ask again.
        if (!renewed && (await session.renew())) return api(method, path, body, true);
        logout();
        throw new Error('unauthorized');
    }
    const json = response.status === 204 ? {} : await response.json().catch(() => ({}));
    if (!response.ok) throw new Error(json.message || json.code || String(response.status));
    return json;
}

const quietly = <T>(promise: Promise<T>, fallback: T): Promise<T> => promise.catch(() => fallback);

// ---------- login ----------
function showLogin(problem?: string) {
    const email = h('input', { type: 'email', name: 'email', autocomplete: 'username', required: true });
    const password = h('input', { type: 'password', name: 'password', autocomplete: 'current-password', required: true });
    const error = h('p.error', { role: 'alert' }, problem || '');
    const form = h(
        'form.login',
        {
            onsubmit: async (event: Event) => {
                event.preventDefault();
                error.textContent = '';
                const response = await fetch(gateway + '/api/tenant/auth/login', {
                    method: 'POST',
                    headers: { 'Content-Type': 'application/json' },
                    body: JSON.stringify({ email: email.value.trim(), password: password.value }),
                }).catch(() => null);
                const json = response ? await response.json().catch(() => ({})) : {};
                if (!response || !response.ok) {
                    error.textContent = response ? 'Wrong email or password.' : 'Parley is not reachable.';
                    return;
                }
                session.signedIn(json);
                if ('Notification' in window && Notification.permission === 'default') {
                    Notification.requestPermission().catch(() => undefined);
                }
                start();
            },
        },
        h('h1', null, 'Parley console'),
        h('label', null, 'Email', email),
        h('label', null, 'Password', password),
        error,
        h('button.primary', { type: 'submit' }, 'Log in'),
        h('button.link', { type: 'button', onclick: () => showForgot(email.value.trim()) }, 'Forgot password?'),
    );
    fill(root, form);
    email.focus();
}

/** Asks for a reset link; the answer is the same whether or not the address has an account. */
function showForgot(typed: string) {
    const email = h('input', { type: 'email', name: 'email', autocomplete: 'username', required: true, value: typed });
    const note = h('p.note', { role: 'status' }, '');
    const form = h(
        'form.login',
        {
            onsubmit: async (event: Event) => {
                event.preventDefault();
                const response = await postJson('/api/tenant/auth/password-reset', { email: email.value.trim() });
                note.textContent =
                    response && response.ok
                        ? 'If that address has an account, a link to set a new password is on its way.'
                        : 'Please enter a valid email address.';
            },
        },
        h('h1', null, 'Set a new password'),
        h('label', null, 'Email', email),
        note,
        h('button.primary', { type: 'submit' }, 'Send me a link'),
        h('button.link', { type: 'button', onclick: () => showLogin() }, 'Back to log in'),
    );
    fill(root, form);
    email.focus();
}

/** The page the e-mailed link opens: /console#reset=<token>. */
function showReset(token: string) {
    const password = h('input', { type: 'password', name: 'new-password', autocomplete: 'new-password', required: true });
    const error = h('p.error', { role: 'alert' }, '');
    const form = h(
        'form.login',
        {
            onsubmit: async (event: Event) => {
                event.preventDefault();
                const response = await postJson('/api/tenant/auth/password-reset/confirm', {
                    token,
                    password: password.value,
                });
                if (response && response.ok) {
                    history.replaceState(null, '', location.pathname);
                    return showLogin('Your new password is set. Log in with it.');
                }
                const json = response ? await response.json().catch(() => ({})) : {};
                error.textContent = json.message || 'Parley is not reachable.';
            },
        },
        h('h1', null, 'Choose a new password'),
        h('label', null, 'New password (at least 8 characters)', password),
        error,
        h('button.primary', { type: 'submit' }, 'Set password'),
    );
    fill(root, form);
    password.focus();
}

function postJson(path: string, body: unknown): Promise<Response | null> {
    return fetch(gateway + path, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
    }).catch(() => null);
}

function logout() {
    session.end();
    const socket = state.socket;
    state.socket = null;
    socket && socket.close(1000);
    showLogin();
}

// ---------- start ----------
async function start() {
    // An access token that ran out while the tab was away is renewed, not a reason to log in again.
    if (!(await session.fresh())) return showLogin();
    const c = session.claims();
    if (!c.sub) return showLogin();
    state.me = {
        id: c.sub,
        tenantId: c.tid,
        name: c.name || 'Agent',
        roles: c.roles || [],
        departmentIds: c.depts || [],
    };
    layout();
    const [departments, users, canned] = await Promise.all([
        quietly(api('GET', '/api/tenant/departments'), { departments: [] }),
        quietly(api('GET', '/api/tenant/users'), { users: [] }),
        quietly(api('GET', '/api/tenant/canned-responses'), { cannedResponses: [] }),
    ]);
    for (const d of departments.departments || []) state.departments.set(d.id, { name: d.name, routingMode: d.routingMode });
    for (const u of users.users || [])
        state.users.set(u.id, { name: u.displayName, roles: u.roles || [], departmentIds: u.departmentIds || [] });
    const mine = state.users.get(state.me.id);
    if (mine) state.me.departmentIds = mine.departmentIds;
    state.canned = canned.cannedResponses || [];
    await refreshChats();
    connect();
    refreshQueues();
    refreshSide();
    setInterval(tick, 1000);
    setInterval(refreshSide, 10_000);
    render();
}

function supervises(): boolean {
    return !!state.me && state.me.roles.some((r) => SUPERVISING.includes(r.toLowerCase()));
}

async function refreshChats(newMessagesUnread = false) {
    const open = await quietly(api('GET', '/api/session/conversations?state=open'), { conversations: [] });
    for (const summary of open.conversations || []) {
        if (summary.agentId === state.me!.id && !state.chats.has(summary.conversationId)) {
            addVisitorChat(summary, false);
        }
    }
    const internal = await quietly(api('GET', '/api/session/internal-chats'), { internalChats: [] });
    state.internal = internal.internalChats || internal.chats || [];
    for (const chat of state.internal) addInternalChat(chat, newMessagesUnread);
}

async function refreshQueues() {
    const queues = await quietly(api('GET', '/api/routing/queues'), { departments: [] });
    for (const d of queues.departments || []) setQueue(d.departmentId, d.entries || []);
    render();
}

async function refreshSide() {
    const [live, offline] = await Promise.all([
        quietly(api('GET', '/api/session/visitors/live'), { visitors: [] }),
        quietly(api('GET', '/api/session/offline-messages'), { offlineMessages: [] }),
    ]);
    state.live = live.visitors || [];
    state.offline = offline.offlineMessages || [];
    if (supervises()) {
        const [open, agents] = await Promise.all([
            quietly(api('GET', '/api/session/conversations?state=open'), { conversations: [] }),
            quietly(api('GET', '/api/routing/agents'), { agents: [] }),
        ]);
        state.supervisor.conversations = open.conversations || [];
        state.supervisor.agents = agents.agents || [];
        await refreshQueues();
    }
    render();
}

// ---------- socket ----------
async function connect() {
    if (state.socket || !session.access) return;
    // A reconnect after a long outage needs a token that is still good.
    if (!(await session.fresh()) || state.socket) return;
    const ws = new WebSocket(socketUrl(gateway, '/ws/agent?access_token=', session.access));
    state.socket = ws;
    ws.onopen = () => {
        state.attempts = 0;
        if (state.status !== 'offline') send({ type: 'presence.set', status: state.status });
        const follow: Record<string, number> = {};
        for (const chat of state.chats.values()) if (!chat.closed) follow[chat.id] = chat.lastSeq;
        if (Object.keys(follow).length) send({ type: 'resume', conversations: follow });
        render();
    };
    ws.onmessage = (event) => {
        let frame: Frame;
        try {
            frame = JSON.parse(String(event.data));
        } catch {
            return;
        }
        handle(frame);
        render();
    };
    ws.onclose = () => {
        if (state.socket !== ws) return;
        state.socket = null;
        render();
        setTimeout(connect, Math.min(30_000, 1000 * 2 ** state.attempts++));
    };
}

function send(frame: object) {
    if (state.socket && state.socket.readyState === WebSocket.OPEN) state.socket.send(JSON.stringify(frame));
}

function setStatus(status: 'online' | 'away' | 'offline') {
    state.status = status;
    send({ type: 'presence.set', status });
    render();
}

function setQueue(departmentId: string, entries: Frame[]) {
    const before = new Set((state.queues.get(departmentId) || []).map((e) => e.conversationId));
    state.queues.set(
        departmentId,
        entries.map((e) => ({ ...e, departmentId }) as QueueEntry),
    );
    for (const e of entries) if (!before.has(e.conversationId)) announce(e.conversationId, e.visitorName);
}

/** A sound and a desktop notification for each new request. */
function announce(conversationId: string, visitorName: string) {
    if (state.seenRequests.has(conversationId) || state.status === 'offline') return;
    state.seenRequests.add(conversationId);
    try {
        const audio = new AudioContext();
        const tone = audio.createOscillator();
        const gain = audio.createGain();
        tone.frequency.value = 880;
        gain.gain.value = 0.08;
        tone.connect(gain).connect(audio.destination);
        tone.start();
        tone.stop(audio.currentTime + 0.15);
    } catch {
        // no audio here
    }
    if ('Notification' in window && Notification.permission === 'granted') {
        try {
            new Notification('New chat request', { body: visitorName || 'A visitor', tag: conversationId });
        } catch {
            // notifications refused by the browser
        }
    }
}

function handle(frame: Frame) {
    const chat = frame.conversationId ? state.chats.get(frame.conversationId) : undefined;
    switch (frame.type) {
        case 'queue':
            setQueue(frame.departmentId, frame.entries || []);
            break;
        case 'offer':
            state.offers.set(frame.conversationId, {
                visitorName: frame.visitorName,
                departmentId: frame.departmentId,
                expiresAt: Date.parse(frame.expiresAt),
            });
            announce(frame.conversationId, frame.visitorName);
            break;
        case 'offer.revoked':
            state.offers.delete(frame.conversationId);
            break;
        case 'conversation.assigned':
            state.offers.delete(frame.conversationId);
            if (frame.agent && frame.agent.id === state.me!.id) {
                if (!chat) {
                    const queued = [...state.queues.values()].flat().find((e) => e.conversationId === frame.conversationId);
                    const added = addVisitorChat(
                        {
                            conversationId: frame.conversationId,
                            visitorName: (queued && queued.visitorName) || 'Visitor',
                            departmentId: queued && queued.departmentId,
                            agentId: state.me!.id,
                        },
                        true,
                    );
                    if (!queued) summaryOf(added).then(render); // a transfer: the chat was never in this agent's queues
                } else {
                    chat.agentId = state.me!.id;
                    chat.observing = false;
                }
            } else if (chat && !chat.observing && !supervises()) {
                // Transferred to someone else: the chat leaves this console.
                state.chats.delete(chat.id);
                if (state.active === chat.id) state.active = '';
            } else if (chat) {
                chat.agentId = frame.agent && frame.agent.id;
                chat.observing = true;
            }
            break;
        case 'message':
            if (chat) addMessage(chat, frame);
            break;
        case 'internal.message':
            if (!chat) {
                // A colleague wrote in a chat this console does not follow yet: what is in it is unread.
                refreshChats(true).then(render);
            }
            break;
        case 'typing':
            if (chat && frame.sender && frame.sender.id !== state.me!.id) {
                chat.typing = frame.typing ? (frame.sender.name || 'Someone') + ' is typing…' : '';
            }
            break;
        case 'receipt':
            if (chat && frame.by === 'visitor') chat.visitorRead = Math.max(chat.visitorRead, Number(frame.read) || 0);
            break;
        case 'mood':
            if (chat) chat.mood = { mood: frame.mood, label: frame.label, trend: frame.trend || [] };
            break;
        case 'mood.alert':
            state.supervisor.alerts.set(frame.conversationId, frame);
            if ('Notification' in window && Notification.permission === 'granted') {
                try {
                    new Notification('A chat turned negative', { body: frame.text || '', tag: 'mood-' + frame.conversationId });
                } catch {
                    // refused
                }
            }
            break;
        case 'conversation.closed':
            if (chat) chat.closed = true;
            state.invitedTo.delete(frame.conversationId);
            break;
        case 'conversation.invited':
            state.invitedTo.set(frame.conversationId, {
                visitorName: frame.visitorName || 'Visitor',
                by: (frame.by && frame.by.name) || 'A colleague',
            });
            announce('invite-' + frame.conversationId, (frame.by && frame.by.name ? frame.by.name + ': ' : '') + (frame.visitorName || 'a chat'));
            break;
        case 'error':
            if (!(frame.ref && frame.ref.clientMsgId && retry(frame.ref.clientMsgId, frame.code))) {
                toast(frame.message || frame.code);
            }
            break;
    }
}

function addVisitorChat(summary: Frame, focus: boolean): Chat {
    const chat: Chat = {
        id: summary.conversationId,
        kind: 'visitor',
        title: summary.visitorName || 'Visitor',
        visitorId: summary.visitorId,
        departmentId: summary.departmentId,
        agentId: summary.agentId,
        observing: summary.agentId !== state.me!.id,
        messages: [],
        lastSeq: 0,
        unread: 0,
        typing: '',
        visitorRead: 0,
        closed: false,
    };
    state.chats.set(chat.id, chat);
    if (focus || !state.active) state.active = chat.id;
    loadHistory(chat);
    if (chat.visitorId) {
        quietly(api('GET', `/api/session/visitors/${chat.visitorId}/conversations`), { conversations: [] }).then((r) => {
            chat.earlier = (r.conversations || []).filter((c: Frame) => c.conversationId !== chat.id);
            render();
        });
    }
    return chat;
}

function addInternalChat(summary: Frame, unread = false) {
    if (state.chats.has(summary.conversationId)) return;
    const others = (summary.memberIds || []).filter((id: string) => id !== state.me!.id);
    const title =
        summary.title ||
        (summary.kind === 'team' ? 'Team' : others.map((id: string) => (state.users.get(id) || { name: 'Agent' }).name).join(', '));
    const chat: Chat = {
        id: summary.conversationId,
        kind: 'internal',
        title,
        observing: false,
        messages: [],
        lastSeq: 0,
        unread: 0,
        typing: '',
        visitorRead: 0,
        closed: false,
    };
    state.chats.set(chat.id, chat);
    loadHistory(chat, unread);
    send({ type: 'resume', conversations: { [chat.id]: 0 } });
}

/** Fills in who the visitor is and where the chat belongs from session-service. */
async function summaryOf(chat: Chat) {
    const open = await quietly(api('GET', '/api/session/conversations?state=open'), { conversations: [] });
    const summary = (open.conversations || []).find((c: Frame) => c.conversationId === chat.id);
    if (!summary) return;
    chat.title = summary.visitorName || chat.title;
    chat.visitorId = summary.visitorId;
    chat.departmentId = summary.departmentId;
}

async function loadHistory(chat: Chat, unread = false) {
    const page = await quietly(api('GET', `/api/session/conversations/${chat.id}/messages?afterSeq=0&limit=500`), {
        messages: [],
    });
    for (const frame of page.messages || []) addMessage(chat, frame, !unread);
    if (page.receipts && page.receipts.visitor) chat.visitorRead = page.receipts.visitor.read || 0;
    if (page.mood) chat.mood = page.mood;
    render();
}

function addMessage(chat: Chat, frame: Frame, history = false) {
    if (frame.clientMsgId) outgoing.delete(frame.clientMsgId);
    const seq = Number(frame.seq);
    if (chat.messages.some((m) => m.seq === seq)) return;
    const sender = frame.sender || {};
    chat.messages.push({
        seq,
        kind: String(sender.kind || 'system'),
        senderId: sender.id,
        name: String(sender.name || ''),
        text: String(frame.text || ''),
        agentsOnly: frame.visibility === 'agents',
    });
    chat.messages.sort((a, b) => a.seq - b.seq);
    chat.lastSeq = Math.max(chat.lastSeq, seq);
    if (sender.id !== state.me!.id) chat.typing = '';
    if (!history && (state.active !== chat.id || state.view !== 'chats') && sender.id !== state.me!.id) chat.unread++;
    if (state.active === chat.id && chat.kind === 'visitor' && !chat.observing) {
        send({ type: 'receipt', conversationId: chat.id, delivered: chat.lastSeq, read: chat.lastSeq });
    }
}

// ---------- actions ----------
function accept(conversationId: string) {
    send({ type: 'offer.accept', conversationId });
}

function openChat(id: string) {
    state.active = id;
    state.view = 'chats';
    const chat = state.chats.get(id);
    if (chat) {
        chat.unread = 0;
        if (chat.kind === 'visitor' && !chat.observing && chat.lastSeq)
            send({ type: 'receipt', conversationId: id, delivered: chat.lastSeq, read: chat.lastSeq });
    }
    render();
    const box = document.querySelector('.composer textarea') as HTMLTextAreaElement | null;
    box && box.focus();
}

/** Into a colleague's chat: joining tells the visitor ("… joined the chat") and lets this agent reply. */
async function join(conversationId: string, summary?: Frame) {
    const joined = await api('POST', `/api/session/conversations/${conversationId}/join`).then(
        () => true,
        (e: Error) => (toast(e.message), false),
    );
    if (!joined) return;
    state.invitedTo.delete(conversationId);
    let chat = state.chats.get(conversationId);
    if (!chat) {
        chat = addVisitorChat(summary || { conversationId, visitorName: 'Visitor' }, true);
        if (!summary) summaryOf(chat).then(render);
        send({ type: 'resume', conversations: { [chat.id]: 0 } });
    }
    chat.observing = false;
    chat.joined = true;
    openChat(chat.id);
}

/** A supervisor opens any live chat silently: follows it without the visitor knowing. */
function observe(summary: Frame) {
    let chat = state.chats.get(summary.conversationId);
    if (!chat) {
        chat = addVisitorChat(summary, true);
        send({ type: 'resume', conversations: { [chat.id]: 0 } });
    }
    openChat(chat.id);
}

/** Sent but not yet stored: resent on a refusal that can pass (see `retry`), dropped once echoed. */
const outgoing = new Map<string, { frame: Frame; attempts: number }>();

function sendMessage(chat: Chat, text: string, agentsOnly: boolean) {
    const frame = {
        type: 'message.send',
        conversationId: chat.id,
        clientMsgId: 'k-' + Date.now().toString(36) + Math.random().toString(36).slice(2, 8),
        text,
        visibility: agentsOnly ? 'agents' : 'all',
    };
    outgoing.set(frame.clientMsgId, { frame, attempts: 0 });
    send(frame);
}

/**
 * The assignment reaches the console straight from routing, and session-service a moment later:
 * a reply written at once may be refused as "not yours yet". Such a refusal is retried for a few
 * seconds with the same clientMsgId (stored once whatever happens); other refusals are shown.
 */
function retry(clientMsgId: string, code: string): boolean {
    const pending = outgoing.get(clientMsgId);
    if (!pending) return false;
    if ((code === 'forbidden' || code === 'unavailable' || code === 'rate_limited') && pending.attempts < 10) {
        pending.attempts++;
        setTimeout(() => send(pending.frame), 300 * pending.attempts);
        return true;
    }
    outgoing.delete(clientMsgId);
    return false;
}

/** `/shortcut` before the caret, Tab: the canned response, variables filled in. */
function expandCanned(box: HTMLTextAreaElement, chat: Chat): boolean {
    const before = box.value.slice(0, box.selectionStart);
    const match = /(^|\s)\/([a-z0-9][a-z0-9_-]*)$/.exec(before);
    if (!match) return false;
    const found = state.canned.find((c) => c.shortcut === match[2] && !c.shared) || state.canned.find((c) => c.shortcut === match[2]);
    if (!found) return false;
    const visitorName = chat.kind === 'visitor' ? chat.title : '';
    const text = found.text
        .replace(/\{visitor\.name\}/g, visitorName || 'there')
        .replace(/\{agent\.name\}/g, state.me!.name);
    const start = before.length - match[2].length - 1;
    box.value = box.value.slice(0, start) + text + box.value.slice(box.selectionStart);
    box.selectionStart = box.selectionEnd = start + text.length;
    return true;
}

function toast(text: string) {
    const node = h('div.toast', { role: 'alert' }, text);
    document.body.append(node);
    setTimeout(() => node.remove(), 5000);
}

// ---------- rendering ----------
const header = h('header');
const side = h('nav.side', { 'aria-label': 'Queue and chats' });
const main = h('main');

function layout() {
    fill(root, header, h('div.body', null, side, main));
    document.addEventListener('keydown', shortcuts);
}

const SHORTCUTS: [string, string][] = [
    ['Alt+↓ / Alt+↑', 'next / previous chat'],
    ['Alt+A', 'accept the oldest offer (or pick up the longest-waiting chat)'],
    ['Alt+N', 'private note on / off'],
    ['Alt+O', 'online ⇄ away'],
    ['Alt+S', 'supervisor view (supervisors)'],
    ['Tab after /shortcut', 'insert the canned response'],
    ['Enter / Shift+Enter', 'send / new line'],
    ['Alt+H', 'this list'],
];

function showShortcuts() {
    const dialog = h(
        'dialog.help',
        { 'aria-label': 'Keyboard shortcuts', onclose: () => dialog.remove() },
        h('h2', null, 'Keyboard shortcuts'),
        h('table', null, SHORTCUTS.map(([keys, what]) => h('tr', null, h('th', null, keys), h('td', null, what)))),
        h('form', { method: 'dialog' }, h('button.primary', null, 'Close')),
    );
    document.body.append(dialog);
    dialog.showModal();
}

function shortcuts(event: KeyboardEvent) {
    if (!event.altKey) return;
    if (event.key === 'h' || event.key === 'H') {
        event.preventDefault();
        showShortcuts();
        return;
    }
    const chats = [...state.chats.values()].filter((c) => !c.closed);
    const index = chats.findIndex((c) => c.id === state.active);
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        const next = chats[(index + (event.key === 'ArrowDown' ? 1 : chats.length - 1)) % Math.max(1, chats.length)];
        if (next) openChat(next.id);
    } else if (event.key === 'a' || event.key === 'A') {
        const oldest = [...state.offers.keys()][0] || oldestPickup();
        if (oldest) accept(oldest);
    } else if (event.key === 'n' || event.key === 'N') {
        state.noteMode = !state.noteMode;
        render();
    } else if (event.key === 'o' || event.key === 'O') {
        setStatus(state.status === 'online' ? 'away' : 'online');
    } else if ((event.key === 's' || event.key === 'S') && supervises()) {
        state.view = state.view === 'supervisor' ? 'chats' : 'supervisor';
        render();
    } else {
        return;
    }
    event.preventDefault();
}

function oldestPickup(): string | undefined {
    const entries = [...state.queues.values()].flat().filter((e) => (state.departments.get(e.departmentId) || { routingMode: '' }).routingMode === 'PICKUP');
    entries.sort((a, b) => Date.parse(a.waitingSince) - Date.parse(b.waitingSince));
    return entries[0] && entries[0].conversationId;
}

function tick() {
    for (const node of document.querySelectorAll<HTMLElement>('[data-since]')) {
        node.textContent = clock((Date.now() - Number(node.dataset.since)) / 1000);
    }
    for (const node of document.querySelectorAll<HTMLElement>('[data-until]')) {
        node.textContent = Math.max(0, Math.ceil((Number(node.dataset.until) - Date.now()) / 1000)) + ' s';
    }
}

let rendering = false;
function render() {
    if (!state.me || rendering) return;
    rendering = true;
    requestAnimationFrame(() => {
        rendering = false;
        renderHeader();
        renderSide();
        renderMain();
        tick();
    });
}

function renderHeader() {
    const views: [typeof state.view, string][] = [
        ['chats', 'Chats'],
        ['visitors', 'Visitors'],
        ['offline', 'Offline messages'],
        ['canned', 'Canned responses'],
    ];
    if (supervises()) views.push(['supervisor', 'Supervisor']);
    fill(
        header,
        h('b', null, 'Parley'),
        h(
            'div.views',
            { role: 'tablist' },
            views.map(([view, label]) =>
                h(
                    'button.view',
                    {
                        role: 'tab',
                        'aria-selected': String(state.view === view),
                        dataset: { view },
                        onclick: () => {
                            state.view = view;
                            if (view !== 'chats') refreshSide();
                            render();
                        },
                    },
                    label,
                ),
            ),
        ),
        h('span.conn', { title: 'connection' }, state.socket && state.socket.readyState === WebSocket.OPEN ? '' : 'reconnecting…'),
        h(
            'label.status',
            null,
            state.me!.name + ' ',
            h(
                'select#status',
                {
                    'aria-label': 'Status',
                    onchange: (event: Event) => setStatus((event.target as HTMLSelectElement).value as 'online'),
                },
                (['online', 'away', 'offline'] as const).map((s) => h('option', { value: s, selected: state.status === s }, s)),
            ),
        ),
        h('button.link', { onclick: showShortcuts, title: 'Alt+H' }, 'Shortcuts'),
        h('button.link', { onclick: logout }, 'Log out'),
    );
}

function renderSide() {
    const offers = [...state.offers.entries()];
    const queue = [...state.queues.values()].flat().sort((a, b) => Date.parse(a.waitingSince) - Date.parse(b.waitingSince));
    const chats = [...state.chats.values()];
    fill(
        side,
        h('h2', null, `Waiting (${queue.length})`),
        h(
            'ul.queue',
            null,
            queue.map((entry) => {
                const offer = state.offers.get(entry.conversationId);
                const pickup = (state.departments.get(entry.departmentId) || { routingMode: '' }).routingMode === 'PICKUP';
                return h(
                    'li.entry',
                    { dataset: { conversation: entry.conversationId } },
                    h('b', null, entry.visitorName || 'Visitor'),
                    h('span.wait', { dataset: { since: String(Date.parse(entry.waitingSince)) }, title: 'waiting' }),
                    h('span.dept', null, (state.departments.get(entry.departmentId) || { name: '' }).name),
                    entry.pageUrl ? h('span.page', { title: entry.pageUrl }, pathOf(entry.pageUrl)) : null,
                    entry.answers
                        ? h('span.answers', null, Object.entries(entry.answers).map(([k, v]) => `${k}: ${v}`).join(' · '))
                        : null,
                    offer
                        ? h('button.accept', { onclick: () => accept(entry.conversationId) }, 'Accept ', h('span.countdown', { dataset: { until: String(offer.expiresAt) } }))
                        : pickup
                          ? h('button.pickup', { onclick: () => accept(entry.conversationId) }, 'Pick up')
                          : null,
                );
            }),
        ),
        offers
            .filter(([id]) => !queue.some((e) => e.conversationId === id))
            .map(([id, offer]) =>
                h('div.entry', { dataset: { conversation: id } }, h('b', null, offer.visitorName), h('button.accept', { onclick: () => accept(id) }, 'Accept ', h('span.countdown', { dataset: { until: String(offer.expiresAt) } }))),
            ),
        state.invitedTo.size ? h('h2', null, 'Asked to join') : null,
        state.invitedTo.size
            ? h(
                  'ul.invites',
                  null,
                  [...state.invitedTo.entries()].map(([id, invite]) =>
                      h(
                          'li.entry',
                          { dataset: { conversation: id } },
                          h('b', null, invite.visitorName),
                          h('span.dept', null, 'asked by ' + invite.by),
                          h('button.join', { onclick: () => join(id) }, 'Join'),
                      ),
                  ),
              )
            : null,
        h('h2', null, 'Chats'),
        h(
            'ul.tabs',
            { role: 'tablist' },
            chats
                .filter((c) => c.kind === 'visitor')
                .map((chat) => chatTab(chat)),
        ),
        h('h2', null, 'Team'),
        h('ul.tabs', { role: 'tablist' }, chats.filter((c) => c.kind === 'internal').map((chat) => chatTab(chat))),
        h(
            'div.newchat',
            null,
            h(
                'select#direct',
                {
                    'aria-label': 'Chat with an agent',
                    onchange: async (event: Event) => {
                        const select = event.target as HTMLSelectElement;
                        if (!select.value) return;
                        const body = select.value.startsWith('dept:') ? { departmentId: select.value.slice(5) } : { withAgentId: select.value };
                        select.value = '';
                        const created = await api('POST', '/api/session/internal-chats', body).catch((e: Error) => (toast(e.message), null));
                        if (created) {
                            addInternalChat(created);
                            openChat(created.conversationId);
                        }
                    },
                },
                h('option', { value: '' }, 'New team chat…'),
                [...state.users.entries()]
                    .filter(([id]) => id !== state.me!.id)
                    .map(([id, user]) => h('option', { value: id }, user.name)),
                state.me!.departmentIds.map((d) => h('option', { value: 'dept:' + d }, 'Team: ' + (state.departments.get(d) || { name: d }).name)),
            ),
        ),
    );
}

function chatTab(chat: Chat) {
    return h(
        'li',
        null,
        h(
            'button.tab',
            {
                role: 'tab',
                'aria-selected': String(state.active === chat.id && state.view === 'chats'),
                dataset: { conversation: chat.id },
                onclick: () => openChat(chat.id),
            },
            chat.title,
            chat.observing ? h('span.tag', null, 'observing') : null,
            chat.mood ? h('span.mood-dot.' + chat.mood.label, { title: 'mood ' + chat.mood.label }) : null,
            chat.unread ? h('span.unread', { 'aria-label': chat.unread + ' unread' }, String(chat.unread)) : null,
            chat.closed ? h('span.tag', null, 'closed') : null,
        ),
    );
}

function pathOf(url: string): string {
    try {
        return new URL(url).pathname;
    } catch {
        return url;
    }
}

function renderMain() {
    if (state.view === 'canned') {
        // A form being filled in is not redrawn by every frame that arrives meanwhile.
        if (main.dataset.view === 'canned') return;
        main.dataset.view = 'canned';
        return renderCanned();
    }
    main.dataset.view = state.view;
    if (state.view === 'supervisor') return renderSupervisor();
    if (state.view === 'visitors') return renderVisitors();
    if (state.view === 'offline') return renderOffline();
    const chat = state.chats.get(state.active);
    if (!chat) {
        fill(main, h('p.empty', null, state.status === 'offline' ? 'You are offline. Go online to receive chats.' : 'No chat open.'));
        return;
    }
    renderChat(chat);
}

function moodView(mood: Chat['mood']) {
    if (!mood) return h('span.mood.neutral', { title: 'mood' }, 'Mood: —');
    const max = 10;
    return h(
        'span.mood.' + mood.label,
        { title: 'mood ' + mood.mood, dataset: { label: mood.label } },
        'Mood: ' + mood.label,
        h(
            'span.trend',
            { 'aria-hidden': 'true' },
            mood.trend.map((score) =>
                h('i', { style: `height:${4 + Math.round((Math.abs(score) / max) * 14)}px`, class: score < 0 ? 'neg' : score > 0 ? 'pos' : '' }),
            ),
        ),
    );
}

function renderChat(chat: Chat) {
    const previous = document.querySelector('.composer textarea') as HTMLTextAreaElement | null;
    const draft = previous && previous.dataset.conversation === chat.id ? previous.value : '';
    const hadFocus = previous && document.activeElement === previous;
    const lastVisitorVisible = [...chat.messages].reverse().find((m) => !m.agentsOnly && m.senderId === state.me!.id);
    const box = h('textarea', {
        'aria-label': chat.observing ? 'Whisper to the agent' : 'Message',
        placeholder: chat.observing ? 'Whisper to the agent (the visitor never sees it)…' : state.noteMode ? 'Private note (the visitor never sees it)…' : 'Reply… (/ for canned responses)',
        dataset: { conversation: chat.id },
    });
    box.value = draft;
    box.addEventListener('input', () => {
        if (chat.observing || chat.kind !== 'visitor' || state.noteMode) return;
        // Kept on the chat, not in this render: a redraw must not make it say "typing" again.
        if (!chat.typingSent) send({ type: 'typing', conversationId: chat.id, typing: true });
        chat.typingSent = true;
        clearTimeout(chat.typingTimer);
        chat.typingTimer = window.setTimeout(() => {
            chat.typingSent = false;
            send({ type: 'typing', conversationId: chat.id, typing: false });
        }, 3000);
    });
    box.addEventListener('keydown', (event) => {
        if (event.key === 'Tab' && !event.shiftKey && expandCanned(box, chat)) {
            event.preventDefault();
        } else if (event.key === 'Enter' && !event.shiftKey) {
            event.preventDefault();
            const text = box.value.trim();
            if (!text || chat.closed) return;
            box.value = '';
            sendMessage(chat, text, chat.kind === 'visitor' && (chat.observing || state.noteMode));
            if (chat.typingSent) send({ type: 'typing', conversationId: chat.id, typing: false });
            chat.typingSent = false;
            clearTimeout(chat.typingTimer);
        }
    });
    const departmentName = chat.departmentId ? (state.departments.get(chat.departmentId) || { name: '' }).name : '';
    const owns = chat.kind === 'visitor' && !chat.observing && !chat.joined && !chat.closed;
    const invite =
        chat.kind === 'visitor' && !chat.closed && (owns || supervises())
            ? h(
                  'select#invite',
                  {
                      'aria-label': 'Invite an agent',
                      onchange: (event: Event) => {
                          const select = event.target as HTMLSelectElement;
                          const agentId = select.value;
                          select.value = '';
                          if (!agentId) return;
                          api('POST', `/api/session/conversations/${chat.id}/participants`, { agentId }).then(
                              () => toast('Invited ' + (state.users.get(agentId) || { name: 'the agent' }).name),
                              (e: Error) => toast(e.message),
                          );
                      },
                  },
                  h('option', { value: '' }, 'Invite an agent…'),
                  [...state.users.entries()]
                      .filter(([id, u]) => id !== state.me!.id && id !== chat.agentId && u.roles.some((r) => r.toLowerCase() === 'agent'))
                      .map(([id, u]) => h('option', { value: id }, u.name)),
              )
            : null;
    const transfer =
        owns
            ? h(
                  'select#transfer',
                  {
                      'aria-label': 'Transfer',
                      onchange: (event: Event) => {
                          const value = (event.target as HTMLSelectElement).value;
                          if (!value) return;
                          send(
                              value.startsWith('dept:')
                                  ? { type: 'conversation.transfer', conversationId: chat.id, toDepartmentId: value.slice(5) }
                                  : { type: 'conversation.transfer', conversationId: chat.id, toAgentId: value },
                          );
                      },
                  },
                  h('option', { value: '' }, 'Transfer to…'),
                  [...state.departments.entries()].map(([id, d]) => h('option', { value: 'dept:' + id }, 'Department: ' + d.name)),
                  [...state.users.entries()]
                      .filter(([id, u]) => id !== state.me!.id && u.roles.some((r) => r.toLowerCase() === 'agent'))
                      .map(([id, u]) => h('option', { value: id }, 'Agent: ' + u.name + ' (' + u.departmentIds.map((d) => (state.departments.get(d) || { name: '' }).name).join(', ') + ')')),
              )
            : null;
    const closeChat =
        owns
            ? h(
                  'button.close',
                  {
                      onclick: () => {
                          const note = prompt('Wrap-up note (only agents see it):', '');
                          if (note === null) return;
                          if (note.trim()) sendMessage(chat, 'Wrap-up: ' + note.trim(), true);
                          send({ type: 'conversation.close', conversationId: chat.id });
                      },
                  },
                  'Close chat',
              )
            : null;
    const log = h(
        'ol.messages',
        { role: 'log', 'aria-live': 'polite' },
        chat.messages.map((m) =>
            h(
                'li.msg.' + (m.agentsOnly ? 'agents' : m.kind) + (m.senderId === state.me!.id ? '.mine' : ''),
                { dataset: { seq: String(m.seq) } },
                h('span.who', null, m.name || m.kind, m.agentsOnly ? h('span.hidden', null, chat.kind === 'visitor' ? ' · whisper / note, not visible to the visitor' : '') : null),
                h('span.text', null, m.text),
                m === lastVisitorVisible && chat.kind === 'visitor' ? h('span.mark', null, chat.visitorRead >= m.seq ? 'Read' : 'Sent') : null,
            ),
        ),
    );
    fill(
        main,
        h(
            'section.chat',
            { 'aria-label': 'Chat with ' + chat.title, dataset: { conversation: chat.id } },
            h(
                'div.chathead',
                null,
                h('h2', null, chat.title),
                departmentName ? h('span.dept', null, departmentName) : null,
                chat.kind === 'visitor' ? moodView(chat.mood) : h('span.tag', null, 'internal — visitors never see this'),
                h('span.spacer'),
                invite,
                transfer,
                closeChat,
            ),
            chat.observing
                ? h(
                      'p.observing',
                      null,
                      'You are observing silently. What you write is a whisper to the agent. ',
                      chat.closed ? null : h('button.join', { onclick: () => join(chat.id) }, 'Join the chat'),
                  )
                : null,
            log,
            h('div.typing', { 'aria-live': 'polite' }, chat.typing),
            chat.closed
                ? h('p.closed', null, 'This chat is closed.')
                : h(
                      'div.composer' + (chat.observing || state.noteMode ? '.note' : ''),
                      null,
                      chat.kind === 'visitor' && !chat.observing
                          ? h(
                                'label.notemode',
                                null,
                                h('input', {
                                    type: 'checkbox',
                                    checked: state.noteMode,
                                    onchange: (event: Event) => {
                                        state.noteMode = (event.target as HTMLInputElement).checked;
                                        render();
                                    },
                                }),
                                ' Private note',
                            )
                          : null,
                      box,
                  ),
            chat.earlier && chat.earlier.length
                ? h(
                      'aside.earlier',
                      null,
                      h('h3', null, 'Earlier chats'),
                      h('ul', null, chat.earlier.map((c) => h('li', null, new Date(c.startedAt || c.createdAt).toLocaleString() + ' — ' + (c.firstMessage || c.state)))),
                  )
                : null,
        ),
    );
    log.scrollTop = log.scrollHeight;
    if (hadFocus) {
        box.focus();
        box.selectionStart = box.selectionEnd = box.value.length;
    }
}

function renderVisitors() {
    fill(
        main,
        h('h2', null, 'Visitors on the site'),
        h(
            'table.grid',
            null,
            h('thead', null, h('tr', null, ['Visitor', 'Page', 'On site', 'Page views', ''].map((t) => h('th', null, t)))),
            h(
                'tbody',
                null,
                state.live.map((v) =>
                    h(
                        'tr',
                        { dataset: { visitor: v.visitorId } },
                        h('td', null, v.name || v.email || 'Visitor ' + String(v.visitorId).slice(0, 6)),
                        h('td', { title: v.currentUrl || '' }, v.currentTitle || pathOf(v.currentUrl || '')),
                        h('td', { dataset: { since: String(Date.parse(v.firstSeenAt)) } }),
                        h('td', null, String(v.pageViews)),
                        h(
                            'td',
                            null,
                            v.chatting
                                ? 'chatting'
                                : h(
                                      'button.invite',
                                      {
                                          onclick: async () => {
                                              const message = prompt('Invitation message:', 'Hi! Can I help you with anything?');
                                              if (!message) return;
                                              await api('POST', `/api/session/visitors/${v.visitorId}/invitations`, { message }).catch((e: Error) => toast(e.message));
                                              toast('Invitation sent');
                                          },
                                      },
                                      'Invite to chat',
                                  ),
                        ),
                    ),
                ),
            ),
        ),
    );
}

function renderOffline() {
    fill(
        main,
        h('h2', null, 'Offline messages'),
        h(
            'ul.offline',
            null,
            state.offline.map((m) =>
                h(
                    'li' + (m.handled ? '.handled' : ''),
                    null,
                    h('b', null, m.name + ' <' + m.email + '>'),
                    h('span.when', null, new Date(m.createdAt).toLocaleString()),
                    h('p', null, m.message),
                    m.handled
                        ? h('span.tag', null, 'handled')
                        : h('button', { onclick: () => api('POST', `/api/session/offline-messages/${m.id}/handled`).then(refreshSide) }, 'Mark handled'),
                ),
            ),
        ),
    );
}

async function reloadCanned() {
    const canned = await quietly(api('GET', '/api/tenant/canned-responses'), { cannedResponses: [] });
    state.canned = canned.cannedResponses || [];
    main.dataset.view = '';
    render();
}

function renderCanned() {
    const admin = !!state.me && state.me.roles.some((r) => ['admin', 'owner'].includes(r.toLowerCase()));
    const shortcut = h('input', { name: 'shortcut', required: true, pattern: '[a-z0-9][a-z0-9_\\-]{0,31}', placeholder: 'greet' });
    const text = h('textarea', { name: 'text', required: true, maxLength: 2000, placeholder: 'Hello {visitor.name}, I am {agent.name}.' });
    const shared = h('input', { type: 'checkbox', name: 'shared' });
    fill(
        main,
        h('h2', null, 'Canned responses'),
        h('p', null, 'Type /shortcut and Tab in a chat. {visitor.name} and {agent.name} are filled in.'),
        h(
            'table.grid.canned',
            null,
            h('thead', null, h('tr', null, ['Shortcut', 'Text', 'Whose', ''].map((t) => h('th', null, t)))),
            h(
                'tbody',
                null,
                state.canned.map((c) =>
                    h(
                        'tr',
                        null,
                        h('td', null, '/' + c.shortcut),
                        h('td', null, c.text),
                        h('td', null, c.shared ? 'team' : 'mine'),
                        h(
                            'td',
                            null,
                            !c.shared || admin
                                ? h('button.link.dark', { onclick: () => api('DELETE', `/api/tenant/canned-responses/${c.id}`).then(reloadCanned, (e: Error) => toast(e.message)) }, 'Delete')
                                : null,
                        ),
                    ),
                ),
            ),
        ),
        h(
            'form.cannedform',
            {
                onsubmit: (event: Event) => {
                    event.preventDefault();
                    api('POST', '/api/tenant/canned-responses', {
                        shortcut: shortcut.value.trim(),
                        text: text.value,
                        shared: admin && shared.checked,
                    }).then(reloadCanned, (e: Error) => toast(e.message));
                },
            },
            h('h3', null, 'New canned response'),
            h('label', null, 'Shortcut ', shortcut),
            h('label', null, 'Text ', text),
            admin ? h('label', null, shared, ' for the whole team') : null,
            h('button.primary', { type: 'submit' }, 'Add'),
        ),
        admin ? moodTermsForm() : null,
    );
}

/** Owners and admins: the tenant's own mood terms, one "term = weight" per line, on top of the default lexicon. */
function moodTermsForm() {
    const box = h('textarea', { name: 'moodTerms', rows: 8, placeholder: 'late delivery = -2\nsuper = 3' });
    quietly(api('GET', '/api/tenant/mood-terms'), { terms: [] }).then((r) => {
        box.value = (r.terms || []).map((t: Frame) => `${t.term} = ${t.weight}`).join('\n');
    });
    return h(
        'form.cannedform',
        {
            onsubmit: (event: Event) => {
                event.preventDefault();
                const terms = box.value
                    .split('\n')
                    .map((line) => line.split('='))
                    .filter((parts) => parts.length === 2 && parts[0].trim())
                    .map(([term, weight]) => ({ term: term.trim(), weight: Number(weight.trim()) }));
                api('PUT', '/api/tenant/mood-terms', { terms }).then(() => toast('Mood terms saved'), (e: Error) => toast(e.message));
            },
        },
        h('h3', null, 'Mood terms'),
        h('p', null, 'Words and phrases that tell how your visitors feel, weighted −5 to +5, added to the built-in English list.'),
        box,
        h('button.primary', { type: 'submit' }, 'Save mood terms'),
    );
}

function renderSupervisor() {
    const name = (id?: string) => (id ? (state.users.get(id) || { name: '?' }).name : '—');
    const conversations = state.supervisor.conversations;
    fill(
        main,
        h('h2', null, 'Live chats'),
        state.supervisor.alerts.size
            ? h('div.alerts', { role: 'alert' }, [...state.supervisor.alerts.values()].map((a) => h('p.alert', null, `Negative chat: ${a.visitorName || 'visitor'} — “${a.text || ''}”`)))
            : null,
        h(
            'table.grid.live',
            null,
            h('thead', null, h('tr', null, ['Visitor', 'Agent', 'Department', 'State', 'Mood', ''].map((t) => h('th', null, t)))),
            h(
                'tbody',
                null,
                conversations.map((c) => {
                    const followed = state.chats.get(c.conversationId);
                    const alert = state.supervisor.alerts.get(c.conversationId);
                    const label = (followed && followed.mood && followed.mood.label) || (alert ? 'negative' : c.mood ? c.mood.label : '');
                    return h(
                        'tr',
                        { dataset: { conversation: c.conversationId } },
                        h('td', null, c.visitorName || 'Visitor'),
                        h('td', null, name(c.agentId)),
                        h('td', null, c.departmentId ? (state.departments.get(c.departmentId) || { name: '' }).name : ''),
                        h('td', null, c.state),
                        h('td', null, label ? h('span.mood.' + label, { dataset: { label } }, label) : '—'),
                        h('td', null, h('button.open', { onclick: () => observe(c) }, 'Open')),
                    );
                }),
            ),
        ),
        h('h2', null, 'Queues'),
        h(
            'ul.queues',
            null,
            [...state.departments.entries()].map(([id, d]) => h('li', null, `${d.name}: ${(state.queues.get(id) || []).length} waiting`)),
        ),
        h('h2', null, 'Agents'),
        h(
            'table.grid.agents',
            null,
            h('thead', null, h('tr', null, ['Agent', 'Status', 'Chats', 'Capacity'].map((t) => h('th', null, t)))),
            h(
                'tbody',
                null,
                state.supervisor.agents.map((a) =>
                    h('tr', null, h('td', null, a.name), h('td', null, a.status), h('td', null, String(a.activeChats)), h('td', null, String(a.capacity))),
                ),
            ),
        ),
    );
}

const resetToken = () => new URLSearchParams(location.hash.slice(1)).get('reset');
// The e-mailed link may also be opened in a tab that already shows the console.
window.addEventListener('hashchange', () => {
    const token = resetToken();
    if (token) showReset(token);
});
if (resetToken()) showReset(resetToken()!);
else if (session.access) start();
else showLogin();
