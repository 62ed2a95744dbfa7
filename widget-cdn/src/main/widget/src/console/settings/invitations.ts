// Owners and admins: the widget's invitation rules — after so many seconds on pages matching a
// pattern, the chat opens with a message.
import { fill, h } from '../dom';
import type { SettingsScreen } from './registry';
import { currentSite, errorLine, loadWidget, saveWidget, sitePicker, sites } from './widget-config';

export const invitationsScreen: SettingsScreen = {
    id: 'invitations',
    title: 'Chat invitations',
    roles: ['admin', 'owner'],
    render(into, host) {
        sites(host).then(async (all) => {
            const site = currentSite(all);
            if (!site) return fill(into, h('p', null, 'Add a site first.'));
            const widget = await loadWidget(host, site.id);
            const rules = widget.invitations.map((r) => ({ ...r }));
            const problem = errorLine();
            const rows = h('tbody');
            const text = (rule: Record<string, unknown>, key: string, props: Record<string, unknown>) =>
                h('input', {
                    name: key,
                    value: String(rule[key]),
                    ...props,
                    oninput: (e: Event) => {
                        const v = (e.target as HTMLInputElement).value;
                        rule[key] = key === 'afterSeconds' ? Number(v) : v;
                    },
                });
            const draw = () =>
                fill(
                    rows,
                    rules.map((rule, i) =>
                        h(
                            'tr',
                            null,
                            h('td', null, text(rule, 'urlPattern', { 'aria-label': 'Pages', placeholder: '/pricing*' })),
                            h('td', null, text(rule, 'afterSeconds', { type: 'number', min: 0, max: 3600, 'aria-label': 'After seconds' })),
                            h('td', null, text(rule, 'message', { 'aria-label': 'Message', maxLength: 200 })),
                            h('td', null, h('button.link.dark', { type: 'button', onclick: () => (rules.splice(i, 1), draw()) }, 'Remove')),
                        ),
                    ),
                );
            draw();
            fill(
                into,
                h('h2', null, 'Chat invitations'),
                sitePicker(all, () => invitationsScreen.render(into, host)),
                h('p', null, 'The chat opens by itself with your message after a visitor spent a while on matching pages (* matches anything).'),
                h(
                    'form',
                    {
                        onsubmit: (event: Event) => {
                            event.preventDefault();
                            problem.textContent = '';
                            saveWidget(host, site.id, { ...widget, invitations: rules }).then(() => host.toast('Invitations saved'), (e: Error) => (problem.textContent = e.message));
                        },
                    },
                    h('table.grid', null, h('thead', null, h('tr', null, ['Pages', 'After (s)', 'Message', ''].map((t) => h('th', null, t)))), rows),
                    h(
                        'button',
                        {
                            type: 'button',
                            onclick: () => {
                                rules.push({ id: 'r' + Date.now().toString(36), afterSeconds: 30, urlPattern: '*', message: 'Can we help?' });
                                draw();
                            },
                        },
                        'Add rule',
                    ),
                    problem,
                    h('button.primary', { type: 'submit' }, 'Save invitations'),
                ),
            );
        }).catch((e: Error) => host.toast(e.message));
    },
};
