// Supervisors: every live chat with its agent, department and mood (alerts when one turns
// negative; open any chat silently), the queues and the agents with their load.
import type { App } from '../app';
import { fill, h } from '../dom';

export function renderSupervisor(app: App) {
    const { state } = app;
    const name = (id?: string) => (id ? (state.users.get(id) || { name: '?' }).name : '—');
    const conversations = state.supervisor.conversations;
    fill(
        app.main,
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
                        h('td', null, h('button.open', { onclick: () => app.observe(c) }, 'Open')),
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

