// The side bar: requests waiting (with Accept and its countdown, or Pick up), colleagues asking
// this agent into their chats, the agent's chats and team chats, and a new team chat.
import type { App } from '../app';
import { fill, h, pathOf } from '../dom';
import { waiting, type Chat } from '../state';

export function renderSide(app: App, side: HTMLElement) {
    const { state } = app;
    const offers = [...state.offers.entries()];
    const queue = waiting(state);
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
                        ? h('button.accept', { onclick: () => app.accept(entry.conversationId) }, 'Accept ', h('span.countdown', { dataset: { until: String(offer.expiresAt) } }))
                        : pickup
                          ? h('button.pickup', { onclick: () => app.accept(entry.conversationId) }, 'Pick up')
                          : null,
                );
            }),
        ),
        offers
            .filter(([id]) => !queue.some((e) => e.conversationId === id))
            .map(([id, offer]) =>
                h('div.entry', { dataset: { conversation: id } }, h('b', null, offer.visitorName), h('button.accept', { onclick: () => app.accept(id) }, 'Accept ', h('span.countdown', { dataset: { until: String(offer.expiresAt) } }))),
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
                          h('button.join', { onclick: () => app.join(id) }, 'Join'),
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
                .map((chat) => chatTab(app, chat)),
        ),
        h('h2', null, 'Team'),
        h('ul.tabs', { role: 'tablist' }, chats.filter((c) => c.kind === 'internal').map((chat) => chatTab(app, chat))),
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
                        await app.startInternalChat(body);
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

function chatTab(app: App, chat: Chat) {
    const { state } = app;
    return h(
        'li',
        null,
        h(
            'button.tab',
            {
                role: 'tab',
                'aria-selected': String(state.active === chat.id && state.view === 'chats'),
                dataset: { conversation: chat.id },
                onclick: () => app.openChat(chat.id),
            },
            chat.title,
            chat.observing ? h('span.tag', null, 'observing') : null,
            chat.mood ? h('span.mood-dot.' + chat.mood.label, { title: 'mood ' + chat.mood.label }) : null,
            chat.unread ? h('span.unread', { 'aria-label': chat.unread + ' unread' }, String(chat.unread)) : null,
            chat.closed ? h('span.tag', null, 'closed') : null,
        ),
    );
}

