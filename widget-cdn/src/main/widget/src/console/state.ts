// The console's state and the pure rules that change it: what a frame from the agent socket does
// (`handle`), how a message joins a chat (once, in seq order), queues, offers, assignment, close.
// No DOM and no network here: what should happen outside (send a frame, load a chat's history,
// ring for a new request) is returned as effects for console.ts to carry out, so that `node
// --test` can hold these rules to their promises.
import type { ClientFrame, MessageFrame, MessageSend, QueueItem, ServerFrame } from '../protocol/frames';

/** Loose JSON from the HTTP API: read defensively. */
export type Json = Record<string, any>;

export type Status = 'online' | 'away' | 'offline';
export type View = 'chats' | 'supervisor' | 'visitors' | 'offline' | 'settings' | 'onboarding';

export interface Me {
    id: string;
    tenantId: string;
    name: string;
    roles: string[];
    departmentIds: string[];
}

export interface Message {
    seq: number;
    kind: string;
    senderId?: string;
    name: string;
    text: string;
    agentsOnly: boolean;
}

export interface Mood {
    mood: number;
    label: string;
    trend: number[];
}

export interface Chat {
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
    mood?: Mood;
    visitorRead: number;
    closed: boolean;
    earlier?: Json[];
    /** Whether this console told the others it is typing here, and when it stops telling. */
    typingSent?: boolean;
    typingTimer?: number;
    /** Joined a colleague's chat: replies reach the visitor, but it is not this agent's to close or transfer. */
    joined?: boolean;
}

export interface QueueEntry extends QueueItem {
    departmentId: string;
}

export interface Canned {
    id: string;
    shortcut: string;
    text: string;
    title?: string;
    shared: boolean;
}

export interface Offer {
    visitorName: string;
    departmentId: string;
    expiresAt: number;
}

/** What the reducers ask the outside world to do. */
export type Effect =
    | { type: 'send'; frame: ClientFrame }
    /** Send again later: a refusal that can pass (see `retry`). */
    | { type: 'resend'; frame: MessageSend; afterMs: number }
    /** A tone and a desktop notification: a new request or an invitation into a chat. */
    | { type: 'announce'; tag: string; text: string }
    /** A desktop notification that a chat turned negative. */
    | { type: 'alert'; conversationId: string; text: string }
    /** A chat new to this console: load its history, the visitor's earlier chats, and (lookup) who it is. */
    | { type: 'follow'; chat: Chat; lookup: boolean }
    /** A colleague wrote in an internal chat this console does not follow yet. */
    | { type: 'refreshChats' }
    | { type: 'toast'; text: string };

const SUPERVISING = ['supervisor', 'admin', 'owner'];
/** How often a refusal that can pass ("not yours yet") is retried, 300 ms more each time. */
export const MAX_RETRIES = 10;

export function createState() {
    return {
        me: null as Me | null,
        status: 'offline' as Status,
        departments: new Map<string, { name: string; routingMode: string }>(),
        users: new Map<string, { name: string; roles: string[]; departmentIds: string[] }>(),
        queues: new Map<string, QueueEntry[]>(),
        offers: new Map<string, Offer>(),
        chats: new Map<string, Chat>(),
        active: '' as string,
        view: 'chats' as View,
        /** The settings screen last shown (see settings/registry.ts). */
        settingsScreen: '' as string,
        canned: [] as Canned[],
        internal: [] as Json[],
        live: [] as Json[],
        offline: [] as Json[],
        supervisor: { conversations: [] as Json[], agents: [] as Json[], alerts: new Map<string, Json>() },
        noteMode: false,
        seenRequests: new Set<string>(),
        /** Colleagues asking this agent into their chats: conversationId → who and with whom. */
        invitedTo: new Map<string, { visitorName: string; by: string }>(),
        /** Sent but not yet stored: resent on a refusal that can pass (see `retry`), dropped once echoed. */
        outgoing: new Map<string, { frame: MessageSend; attempts: number }>(),
    };
}

export type State = ReturnType<typeof createState>;

export function hasRole(me: Me | null, roles: string[]): boolean {
    return !!me && me.roles.some((r) => roles.includes(r.toLowerCase()));
}

export function supervises(state: State): boolean {
    return hasRole(state.me, SUPERVISING);
}

/** What to resume on each (re)connect: every open chat with the last seq this console has. */
export function followed(state: State): Record<string, number> {
    const follow: Record<string, number> = {};
    for (const chat of state.chats.values()) if (!chat.closed) follow[chat.id] = chat.lastSeq;
    return follow;
}

/** A visitor's chat: this agent's own, or one a supervisor observes. The caller loads it (a `follow`). */
export function addVisitorChat(state: State, summary: Json, focus: boolean): Chat {
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
    return chat;
}

/** A team chat; undefined when this console has it already. */
export function addInternalChat(state: State, summary: Json): Chat | undefined {
    if (state.chats.has(summary.conversationId)) return undefined;
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
    return chat;
}

/**
 * A message into its chat, from the socket or a history page: each seq once, however often it
 * arrives (a resume after a reconnect and the history may both carry it), kept in seq order.
 * `history` messages are not unread. Returns whether it was new.
 */
export function addMessage(state: State, chat: Chat, frame: Json | MessageFrame, history = false, effects: Effect[] = []): boolean {
    if (frame.clientMsgId) state.outgoing.delete(frame.clientMsgId);
    const seq = Number(frame.seq);
    if (!Number.isFinite(seq) || chat.messages.some((m) => m.seq === seq)) return false;
    const sender = frame.sender || {};
    const mine = !!sender.id && sender.id === state.me!.id;
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
    if (!mine) chat.typing = '';
    if (!history && (state.active !== chat.id || state.view !== 'chats') && !mine) chat.unread++;
    if (state.active === chat.id && chat.kind === 'visitor' && !chat.observing) {
        effects.push({ type: 'send', frame: { type: 'receipt', conversationId: chat.id, delivered: chat.lastSeq, read: chat.lastSeq } });
    }
    return true;
}

/** A department's queue as routing sends it; a request not seen before is announced. */
export function setQueue(state: State, departmentId: string, entries: QueueItem[], effects: Effect[] = []) {
    const before = new Set((state.queues.get(departmentId) || []).map((e) => e.conversationId));
    state.queues.set(
        departmentId,
        entries.map((e) => ({ ...e, departmentId })),
    );
    for (const e of entries) if (!before.has(e.conversationId)) announce(state, e.conversationId, e.visitorName || '', effects);
}

/** Each request rings once, and not while offline. */
function announce(state: State, tag: string, text: string, effects: Effect[]) {
    if (state.seenRequests.has(tag) || state.status === 'offline') return;
    state.seenRequests.add(tag);
    effects.push({ type: 'announce', tag, text });
}

/** A message to send: kept until its echo arrives so that a refusal that can pass is retried. */
export function outgoingMessage(state: State, chat: Chat, text: string, agentsOnly: boolean, id: string): MessageSend {
    const frame: MessageSend = {
        type: 'message.send',
        conversationId: chat.id,
        clientMsgId: id,
        text,
        visibility: agentsOnly ? 'agents' : 'all',
    };
    state.outgoing.set(frame.clientMsgId, { frame, attempts: 0 });
    return frame;
}

/**
 * The assignment reaches the console straight from routing, and session-service a moment later:
 * a reply written at once may be refused as "not yours yet". Such a refusal is retried for a few
 * seconds with the same clientMsgId (stored once whatever happens); other refusals are shown.
 */
export function retry(state: State, clientMsgId: string, code: string, effects: Effect[]): boolean {
    const pending = state.outgoing.get(clientMsgId);
    if (!pending) return false;
    if ((code === 'forbidden' || code === 'unavailable' || code === 'rate_limited') && pending.attempts < MAX_RETRIES) {
        pending.attempts++;
        effects.push({ type: 'resend', frame: pending.frame, afterMs: 300 * pending.attempts });
        return true;
    }
    state.outgoing.delete(clientMsgId);
    return false;
}

/** What one frame from the agent socket does to the state; the effects are for the caller to run. */
export function handle(state: State, frame: ServerFrame): Effect[] {
    const effects: Effect[] = [];
    const me = state.me!;
    const chat = frame.conversationId ? state.chats.get(frame.conversationId) : undefined;
    switch (frame.type) {
        case 'queue':
            setQueue(state, frame.departmentId, frame.entries || [], effects);
            break;
        case 'offer':
            state.offers.set(frame.conversationId, {
                visitorName: frame.visitorName || '',
                departmentId: frame.departmentId,
                expiresAt: Date.parse(frame.expiresAt),
            });
            announce(state, frame.conversationId, frame.visitorName || '', effects);
            break;
        case 'offer.revoked':
            state.offers.delete(frame.conversationId);
            break;
        case 'conversation.assigned':
            state.offers.delete(frame.conversationId);
            if (frame.agent && frame.agent.id === me.id) {
                if (!chat) {
                    const queued = [...state.queues.values()].flat().find((e) => e.conversationId === frame.conversationId);
                    const added = addVisitorChat(
                        state,
                        {
                            conversationId: frame.conversationId,
                            visitorName: (queued && queued.visitorName) || 'Visitor',
                            departmentId: queued && queued.departmentId,
                            agentId: me.id,
                        },
                        true,
                    );
                    // A transfer: the chat was never in this agent's queues, so who it is must be looked up.
                    effects.push({ type: 'follow', chat: added, lookup: !queued });
                } else {
                    chat.agentId = me.id;
                    chat.observing = false;
                }
            } else if (chat && !chat.observing && !supervises(state)) {
                // Transferred to someone else: the chat leaves this console.
                state.chats.delete(chat.id);
                if (state.active === chat.id) state.active = '';
            } else if (chat) {
                chat.agentId = frame.agent && frame.agent.id;
                chat.observing = true;
            }
            break;
        case 'message':
            if (chat) addMessage(state, chat, frame, false, effects);
            break;
        case 'internal.message':
            // A colleague wrote in a chat this console does not follow yet: what is in it is unread.
            if (!chat) effects.push({ type: 'refreshChats' });
            break;
        case 'typing':
            if (chat && frame.sender && frame.sender.id !== me.id) {
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
            effects.push({ type: 'alert', conversationId: frame.conversationId, text: frame.text || '' });
            break;
        case 'conversation.closed':
            if (chat) chat.closed = true;
            state.invitedTo.delete(frame.conversationId);
            break;
        case 'conversation.invited': {
            const by = frame.by && frame.by.name;
            state.invitedTo.set(frame.conversationId, { visitorName: frame.visitorName || 'Visitor', by: by || 'A colleague' });
            announce(state, 'invite-' + frame.conversationId, (by ? by + ': ' : '') + (frame.visitorName || 'a chat'), effects);
            break;
        }
        case 'error':
            if (!(frame.ref && frame.ref.clientMsgId && retry(state, frame.ref.clientMsgId, frame.code, effects))) {
                effects.push({ type: 'toast', text: frame.message || frame.code });
            }
            break;
    }
    return effects;
}

/** Opening a chat: nothing in it is unread any more, and the visitor learns it was read. */
export function opened(state: State, id: string): Effect[] {
    state.active = id;
    state.view = 'chats';
    const chat = state.chats.get(id);
    if (!chat) return [];
    chat.unread = 0;
    return chat.kind === 'visitor' && !chat.observing && chat.lastSeq
        ? [{ type: 'send', frame: { type: 'receipt', conversationId: id, delivered: chat.lastSeq, read: chat.lastSeq } }]
        : [];
}

/** The longest-waiting chat of a pick-up department (for Alt+A when nothing is offered). */
export function oldestPickup(state: State): string | undefined {
    const entries = [...state.queues.values()]
        .flat()
        .filter((e) => (state.departments.get(e.departmentId) || { routingMode: '' }).routingMode === 'PICKUP');
    entries.sort((a, b) => Date.parse(a.waitingSince) - Date.parse(b.waitingSince));
    return entries[0] && entries[0].conversationId;
}

/** Every waiting request of the agent's departments, longest waiting first. */
export function waiting(state: State): QueueEntry[] {
    return [...state.queues.values()].flat().sort((a, b) => Date.parse(a.waitingSince) - Date.parse(b.waitingSince));
}
