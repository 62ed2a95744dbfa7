// The keyboard: Alt+… shortcuts, and the dialog that lists them (Alt+H).
import type { App } from '../app';
import { h } from '../dom';
import { oldestPickup, supervises } from '../state';

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

export function showShortcuts() {
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

/** Alt+… anywhere in the console. */
export function shortcuts(app: App, event: KeyboardEvent) {
    if (!event.altKey) return;
    const { state } = app;
    if (event.key === 'h' || event.key === 'H') {
        event.preventDefault();
        showShortcuts();
        return;
    }
    const chats = [...state.chats.values()].filter((c) => !c.closed);
    const index = chats.findIndex((c) => c.id === state.active);
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        const next = chats[(index + (event.key === 'ArrowDown' ? 1 : chats.length - 1)) % Math.max(1, chats.length)];
        if (next) app.openChat(next.id);
    } else if (event.key === 'a' || event.key === 'A') {
        const oldest = [...state.offers.keys()][0] || oldestPickup(state);
        if (oldest) app.accept(oldest);
    } else if (event.key === 'n' || event.key === 'N') {
        state.noteMode = !state.noteMode;
        app.render();
    } else if (event.key === 'o' || event.key === 'O') {
        app.setStatus(state.status === 'online' ? 'away' : 'online');
    } else if ((event.key === 's' || event.key === 'S') && supervises(state)) {
        app.setView(state.view === 'supervisor' ? 'chats' : 'supervisor');
    } else {
        return;
    }
    event.preventDefault();
}
