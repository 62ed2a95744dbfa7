// Messages visitors left while nobody could answer.
import type { App } from '../app';
import { fill, h } from '../dom';

export function renderOffline(app: App) {
    const { state } = app;
    fill(
        app.main,
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
                        : h('button', { onclick: () => app.api('POST', `/api/session/offline-messages/${m.id}/handled`).then(() => app.refreshSide()) }, 'Mark handled'),
                ),
            ),
        ),
    );
}

