// Canned responses: every agent keeps their own; admins and owners also the team's (shared).
import { fill, h } from '../dom';
import { hasRole } from '../state';
import type { SettingsScreen } from './registry';

export const cannedScreen: SettingsScreen = {
    id: 'canned',
    title: 'Canned responses',
    render(into, host) {
        const admin = hasRole(host.me, ['admin', 'owner']);
        const redraw = () => host.reloadCanned().then(() => cannedScreen.render(into, host));
        const shortcut = h('input', { name: 'shortcut', required: true, pattern: '[a-z0-9][a-z0-9_\\-]{0,31}', placeholder: 'greet' });
        const text = h('textarea', { name: 'text', required: true, maxLength: 2000, placeholder: 'Hello {visitor.name}, I am {agent.name}.' });
        const shared = h('input', { type: 'checkbox', name: 'shared' });
        fill(
            into,
            h('h2', null, 'Canned responses'),
            h('p', null, 'Type /shortcut and Tab in a chat. {visitor.name} and {agent.name} are filled in.'),
            h(
                'table.grid.canned',
                null,
                h('thead', null, h('tr', null, ['Shortcut', 'Text', 'Whose', ''].map((t) => h('th', null, t)))),
                h(
                    'tbody',
                    null,
                    host.canned().map((c) =>
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
                                    ? h(
                                          'button.link.dark',
                                          {
                                              onclick: () =>
                                                  host.api('DELETE', `/api/tenant/canned-responses/${c.id}`).then(redraw, (e: Error) => host.toast(e.message)),
                                          },
                                          'Delete',
                                      )
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
                        host.api('POST', '/api/tenant/canned-responses', {
                            shortcut: shortcut.value.trim(),
                            text: text.value,
                            shared: admin && shared.checked,
                        }).then(redraw, (e: Error) => host.toast(e.message));
                    },
                },
                h('h3', null, 'New canned response'),
                h('label', null, 'Shortcut ', shortcut),
                h('label', null, 'Text ', text),
                admin ? h('label', null, shared, ' for the whole team') : null,
                h('button.primary', { type: 'submit' }, 'Add'),
            ),
        );
    },
};
