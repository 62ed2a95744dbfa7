// What the views may do: the console (console.ts) implements it, the views only read the state
// and call these. Views never talk to the socket or fetch on their own account.
import type { ClientFrame } from '../protocol/frames';
import type { Api } from './api';
import type { Chat, Json, State, Status, View } from './state';

export interface App {
    readonly state: State;
    readonly api: Api;
    /** The main pane the current view fills. */
    readonly main: HTMLElement;
    connected(): boolean;
    send(frame: ClientFrame): void;
    /** Redraws on the next frame; many calls in a row draw once. */
    render(): void;
    toast(text: string): void;
    setStatus(status: Status): void;
    setView(view: View): void;
    accept(conversationId: string): void;
    openChat(id: string): void;
    join(conversationId: string, summary?: Json): Promise<void>;
    observe(summary: Json): void;
    sendMessage(chat: Chat, text: string, agentsOnly: boolean): void;
    /** A new team chat, direct (`withAgentId`) or per department (`departmentId`), opened at once. */
    startInternalChat(body: { withAgentId: string } | { departmentId: string }): Promise<void>;
    refreshSide(): Promise<void>;
    reloadCanned(): Promise<void>;
    showShortcuts(): void;
    logout(): void;
}
