// The agent console, served by the gateway at /console. Speaks the same protocol as any client:
// HTTP through the gateway with the agent's JWT, and one agent socket (/ws/agent) for queue,
// offers, messages, typing, receipts, mood and internal chat. Message text is only ever set as
// text: nothing a visitor or agent typed is parsed as HTML.
//
// This file wires the parts together: state.ts (the state and the pure rules a frame follows),
// api.ts (HTTP), the shared socket client (../protocol/socket.ts), the views (views/*.ts) and the
// settings bundle, loaded on demand (views/settings.ts). It carries out the reducers' effects.
import { ChatSocket } from '../protocol/socket';
import type { ClientFrame } from '../protocol/frames';
import { socketUrl } from '../shared';
import { makeApi, quietly } from './api';
import type { App } from './app';
import { clock, fill, h } from './dom';
import { Session } from './session';
import type { SettingsHost } from './settings/registry';
import {
    addInternalChat,
    addMessage,
    addVisitorChat,
    createState,
    followed,
    handle,
    hasRole,
    opened,
    outgoingMessage,
    setQueue,
    supervises,
    type Chat,
    type Effect,
    type Json,
    type Status,
    type View,
} from './state';
import { STYLE } from './style';
import { renderChat } from './views/chat';
import { renderHeader } from './views/header';
import { loginScreens } from './views/login';
import { banner, onboarding, type Account, type Site } from './onboarding';
import { renderOffline } from './views/offline';
import { renderSettings } from './views/settings';
import { shortcuts, showShortcuts } from './views/shortcuts';
import { renderSide } from './views/side';
import { renderSupervisor } from './views/supervisor';
import { renderVisitors } from './views/visitors';

const gateway = location.origin;
const session = new Session(gateway, (code) => logout(code === 'user_deactivated' ? REVOKED : undefined));
const api = makeApi(gateway, session, () => logout());
const state = createState();

const root = h('div.app');
const header = h('header');
const side = h('nav.side', { 'aria-label': 'Queue and chats' });
const main = h('main');
// The plan's banner (days left on the trial; "choose a plan" once it ended), above everything.
const bannerSlot = h('div.banner-slot');
document.head.append(h('style', null, STYLE));
document.body.append(root);

const { showLogin, showReset, verifyEmail, showInvitation } = loginScreens({ root, gateway, session, start: () => start() });

// ---------- socket ----------
let socket: ChatSocket | null = null;

function connect() {
    if (socket) socket.shutdown();
    socket = new ChatSocket({
        // A reconnect after a long outage needs a token that is still good.
        url: async () => {
            if (!(await session.fresh())) throw new Error('no session');
            return socketUrl(gateway, '/ws/agent?access_token=', session.access);
        },
        resume: () => followed(state),
        onOpen: () => state.status !== 'offline' && send({ type: 'presence.set', status: state.status }),
        onState: render,
        onFrame: (frame) => {
            run(handle(state, frame));
            render();
        },
        // 4401: an owner or admin deactivated or removed this user; their token opens nothing more.
        onRefused: () => logout(REVOKED),
    });
    socket.open();
}

function send(frame: ClientFrame) {
    if (socket) socket.send(frame);
}

/** Carries out what the reducers asked for. */
function run(effects: Effect[]) {
    for (const effect of effects) {
        switch (effect.type) {
            case 'send':
                send(effect.frame);
                break;
            case 'resend':
                setTimeout(() => send(effect.frame), effect.afterMs);
                break;
            case 'announce':
                ring(effect.tag, effect.text);
                break;
            case 'alert':
                notify('A chat turned negative', effect.text, 'mood-' + effect.conversationId);
                break;
            case 'follow':
                follow(effect.chat);
                if (effect.lookup) summaryOf(effect.chat).then(render);
                break;
            case 'refreshChats':
                refreshChats(true).then(render);
                break;
            case 'toast':
                toast(effect.text);
                break;
        }
    }
}

/** A sound and a desktop notification for each new request. */
function ring(tag: string, text: string) {
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
    notify('New chat request', text || 'A visitor', tag);
}

function notify(title: string, body: string, tag: string) {
    if ('Notification' in window && Notification.permission === 'granted') {
        try {
            new Notification(title, { body, tag });
        } catch {
            // notifications refused by the browser
        }
    }
}

function toast(text: string) {
    const node = h('div.toast', { role: 'alert' }, text);
    document.body.append(node);
    setTimeout(() => node.remove(), 5000);
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
    fill(root, bannerSlot, header, h('div.body', null, side, main));
    document.addEventListener('keydown', keys);
    loadAccount();
    const [departments, users, canned] = await Promise.all([
        quietly(api('GET', '/api/tenant/departments'), { departments: [] } as Json),
        quietly(api('GET', '/api/tenant/users'), { users: [] } as Json),
        quietly(api('GET', '/api/tenant/canned-responses'), { cannedResponses: [] } as Json),
    ]);
    for (const d of departments.departments || []) state.departments.set(d.id, { name: d.name, routingMode: d.routingMode });
    for (const u of users.users || [])
        state.users.set(u.id, { name: u.displayName, roles: u.roles || [], departmentIds: u.departmentIds || [] });
    const mine = state.users.get(state.me.id);
    if (mine) state.me.departmentIds = mine.departmentIds;
    state.canned = canned.cannedResponses || [];
    await refreshChats();
    // Logged out while those were on their way (a refused renewal): start nothing more.
    if (!state.me) return;
    connect();
    refreshQueues();
    refreshSide();
    timers.push(setInterval(tick, 1000), setInterval(refreshSide, 10_000), setInterval(refreshBanner, 60_000));
    render();
    // Back from Stripe's pages (#billing, #billing=paid): where the owner left.
    if (linked('billing') !== null && isOwner()) openBilling();
}

let account: Account | null = null;
let firstSite: Site | null = null;
const isAdmin = () => hasRole(state.me, ['owner', 'admin']);
const isOwner = () => hasRole(state.me, ['owner']);
/** Settings → Billing: where "Choose a plan" and "Update card" lead. */
function openBilling() {
    state.settingsScreen = 'billing';
    delete main.dataset.view;
    app.setView('settings');
}

/**
 * The plan's standing for the banner; for owners and admins also the first site, and onboarding
 * when it has no website's address yet (a tenant fresh from sign-up).
 */
async function loadAccount() {
    await refreshBanner();
    if (!isAdmin()) return;
    const sites = await quietly(api('GET', '/api/tenant/sites'), { sites: [] } as Json);
    firstSite = (sites.sites || [])[0] || null;
    if (firstSite && !firstSite.allowedOrigins.some((origin) => origin !== gateway)) {
        state.view = 'onboarding';
        delete main.dataset.view;
        render();
    }
}

/** The banner as the account now stands: a trial ends, a payment fails, while the console is open. */
async function refreshBanner() {
    account = (await quietly(api('GET', '/api/tenant/account'), null as Json | null)) as Account | null;
    fill(bannerSlot, banner(account, isOwner(), openBilling));
}

const timers: ReturnType<typeof setInterval>[] = [];
const keys = (event: KeyboardEvent) => shortcuts(app, event);

const REVOKED = 'You were signed out: an owner or admin deactivated or removed your user.';

function logout(problem?: string) {
    session.end();
    if (socket) socket.shutdown();
    socket = null;
    timers.splice(0).forEach(clearInterval);
    document.removeEventListener('keydown', keys);
    Object.assign(state, createState());
    showLogin(problem);
}

async function refreshChats(newMessagesUnread = false) {
    const open = await quietly(api('GET', '/api/session/conversations?state=open'), { conversations: [] } as Json);
    for (const summary of open.conversations || []) {
        if (summary.agentId === state.me!.id && !state.chats.has(summary.conversationId)) {
            follow(addVisitorChat(state, summary, false));
        }
    }
    const internal = await quietly(api('GET', '/api/session/internal-chats'), { internalChats: [] } as Json);
    state.internal = internal.internalChats || internal.chats || [];
    for (const summary of state.internal) followInternal(summary, newMessagesUnread);
}

async function refreshQueues() {
    const queues = await quietly(api('GET', '/api/routing/queues'), { departments: [] } as Json);
    const effects: Effect[] = [];
    for (const d of queues.departments || []) setQueue(state, d.departmentId, d.entries || [], effects);
    run(effects);
    render();
}

async function refreshSide() {
    const [live, offline] = await Promise.all([
        quietly(api('GET', '/api/session/visitors/live'), { visitors: [] } as Json),
        quietly(api('GET', '/api/session/offline-messages'), { offlineMessages: [] } as Json),
    ]);
    state.live = live.visitors || [];
    state.offline = offline.offlineMessages || [];
    if (supervises(state)) {
        const [open, agents] = await Promise.all([
            quietly(api('GET', '/api/session/conversations?state=open'), { conversations: [] } as Json),
            quietly(api('GET', '/api/routing/agents'), { agents: [] } as Json),
        ]);
        state.supervisor.conversations = open.conversations || [];
        state.supervisor.agents = agents.agents || [];
        await refreshQueues();
    }
    render();
}

async function reloadCanned() {
    const canned = await quietly(api('GET', '/api/tenant/canned-responses'), { cannedResponses: [] } as Json);
    state.canned = canned.cannedResponses || [];
}

/** A chat new to this console: its history, and for a visitor's chat their earlier chats. */
function follow(chat: Chat, unread = false) {
    loadHistory(chat, unread);
    if (chat.visitorId) {
        quietly(api('GET', `/api/session/visitors/${chat.visitorId}/conversations`), { conversations: [] } as Json).then((r) => {
            chat.earlier = (r.conversations || []).filter((c: Json) => c.conversationId !== chat.id);
            render();
        });
    }
}

function followInternal(summary: Json, unread = false): Chat | undefined {
    const chat = addInternalChat(state, summary);
    if (!chat) return undefined;
    follow(chat, unread);
    send({ type: 'resume', conversations: { [chat.id]: 0 } });
    return chat;
}

/** Fills in who the visitor is and where the chat belongs from session-service. */
async function summaryOf(chat: Chat) {
    const open = await quietly(api('GET', '/api/session/conversations?state=open'), { conversations: [] } as Json);
    const summary = (open.conversations || []).find((c: Json) => c.conversationId === chat.id);
    if (!summary) return;
    chat.title = summary.visitorName || chat.title;
    chat.visitorId = summary.visitorId;
    chat.departmentId = summary.departmentId;
}

async function loadHistory(chat: Chat, unread = false) {
    const page = await quietly(api('GET', `/api/session/conversations/${chat.id}/messages?afterSeq=0&limit=500`), {
        messages: [],
    } as Json);
    const effects: Effect[] = [];
    for (const frame of page.messages || []) addMessage(state, chat, frame, !unread, effects);
    if (page.receipts && page.receipts.visitor) chat.visitorRead = page.receipts.visitor.read || 0;
    if (page.mood) chat.mood = page.mood;
    run(effects);
    render();
}

// ---------- actions (what the views may do) ----------
function openChat(id: string) {
    run(opened(state, id));
    render();
    const box = document.querySelector('.composer textarea') as HTMLTextAreaElement | null;
    box && box.focus();
}

const app: App = {
    state,
    api,
    main,
    connected: () => !!socket && socket.isOpen,
    send,
    render,
    toast,
    setStatus(status: Status) {
        state.status = status;
        send({ type: 'presence.set', status });
        render();
    },
    setView(view: View) {
        state.view = view;
        if (view !== 'chats') refreshSide();
        render();
    },
    accept(conversationId) {
        send({ type: 'offer.accept', conversationId });
        // Accepting is asking for the chat: show the chats, whatever view was open (onboarding's test chat).
        state.view = 'chats';
        render();
    },
    openChat,
    /** Into a colleague's chat: joining tells the visitor ("… joined the chat") and lets this agent reply. */
    async join(conversationId, summary) {
        const joined = await api('POST', `/api/session/conversations/${conversationId}/join`).then(
            () => true,
            (e: Error) => (toast(e.message), false),
        );
        if (!joined) return;
        state.invitedTo.delete(conversationId);
        let chat = state.chats.get(conversationId);
        if (!chat) {
            chat = addVisitorChat(state, summary || { conversationId, visitorName: 'Visitor' }, true);
            follow(chat);
            if (!summary) summaryOf(chat).then(render);
            send({ type: 'resume', conversations: { [chat.id]: 0 } });
        }
        chat.observing = false;
        chat.joined = true;
        openChat(chat.id);
    },
    /** A supervisor opens any live chat silently: follows it without the visitor knowing. */
    observe(summary) {
        let chat = state.chats.get(summary.conversationId);
        if (!chat) {
            chat = addVisitorChat(state, summary, true);
            follow(chat);
            send({ type: 'resume', conversations: { [chat.id]: 0 } });
        }
        openChat(chat.id);
    },
    sendMessage(chat, text, agentsOnly) {
        const id = 'k-' + Date.now().toString(36) + Math.random().toString(36).slice(2, 8);
        send(outgoingMessage(state, chat, text, agentsOnly, id));
    },
    async startInternalChat(body) {
        const created = await api('POST', '/api/session/internal-chats', body).catch((e: Error) => (toast(e.message), null));
        if (created) {
            followInternal(created);
            openChat(created.conversationId);
        }
    },
    refreshSide,
    reloadCanned: async () => {
        await reloadCanned();
        render();
    },
    showShortcuts,
    logout,
};

const settingsHost: SettingsHost = {
    get me() {
        return state.me!;
    },
    api,
    gateway,
    toast,
    canned: () => state.canned,
    reloadCanned: app.reloadCanned,
    accountChanged: async () => {
        await session.renew();
        await loadAccount();
    },
};

// ---------- rendering ----------
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
        if (!state.me) return;
        renderHeader(app, header);
        renderSide(app, side);
        renderMain();
        tick();
    });
}

function renderMain() {
    if (state.view === 'onboarding' && firstSite) {
        // Drawn once: the owner is typing into it.
        if (main.dataset.view === 'onboarding') return;
        main.dataset.view = 'onboarding';
        fill(
            main,
            onboarding(api, gateway, firstSite, () => app.setStatus('online'), () => app.setView('chats')),
        );
        return;
    }
    if (state.view === 'settings') {
        // A form being filled in is not redrawn by every frame that arrives meanwhile.
        if (main.dataset.view === 'settings') return;
        main.dataset.view = 'settings';
        return renderSettings(app, settingsHost);
    }
    main.dataset.view = state.view;
    if (state.view === 'supervisor') return renderSupervisor(app);
    if (state.view === 'visitors') return renderVisitors(app);
    if (state.view === 'offline') return renderOffline(app);
    const chat = state.chats.get(state.active);
    if (!chat) {
        fill(main, h('p.empty', null, state.status === 'offline' ? 'You are offline. Go online to receive chats.' : 'No chat open.'));
        return;
    }
    renderChat(app, chat);
}

const linked = (name: string) => new URLSearchParams(location.hash.slice(1)).get(name);
// The e-mailed links (a new password, confirming the sign-up's address) may also be opened in a
// tab that already shows the console.
window.addEventListener('hashchange', () => {
    if (linked('reset')) showReset(linked('reset')!);
    else if (linked('verify')) verifyEmail(linked('verify')!);
    else if (linked('invite')) showInvitation(linked('invite')!);
});
if (linked('reset')) showReset(linked('reset')!);
else if (linked('verify')) verifyEmail(linked('verify')!);
else if (linked('invite')) showInvitation(linked('invite')!);
else if (session.access) start();
else showLogin();
