// The top bar: the views, the connection, the agent's status, shortcuts and log out.
import type { App } from '../app';
import { fill, h } from '../dom';
import { supervises, type View } from '../state';

export function renderHeader(app: App, header: HTMLElement) {
    const { state } = app;
    const views: [View, string][] = [
        ['chats', 'Chats'],
        ['visitors', 'Visitors'],
        ['offline', 'Offline messages'],
        // Canned responses (every agent's own, the team's for admins) and what owners set up: a bundle of its own.
        ['settings', 'Settings'],
    ];
    if (supervises(state)) views.push(['supervisor', 'Supervisor']);
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
                        onclick: () => app.setView(view),
                    },
                    label,
                ),
            ),
        ),
        h('span.conn', { title: 'connection' }, app.connected() ? '' : 'reconnecting…'),
        h(
            'label.status',
            null,
            state.me!.name + ' ',
            h(
                'select#status',
                {
                    'aria-label': 'Status',
                    onchange: (event: Event) => app.setStatus((event.target as HTMLSelectElement).value as 'online'),
                },
                (['online', 'away', 'offline'] as const).map((s) => h('option', { value: s, selected: state.status === s }, s)),
            ),
        ),
        h('button.link', { onclick: () => app.showShortcuts(), title: 'Alt+H' }, 'Shortcuts'),
        h('button.link', { onclick: () => app.logout() }, 'Log out'),
    );
}
