// Owners and admins: the chat rules — a ceiling on chats per agent, how long an offer waits for its
// agent, and when an idle chat closes. Empty fields keep the service's defaults.
import { fill, h } from '../dom';
import { optionalNumber } from './forms';
import type { SettingsScreen } from './registry';
import { errorLine } from './widget-config';

export const rulesScreen: SettingsScreen = {
    id: 'rules',
    title: 'Chat rules',
    roles: ['admin', 'owner'],
    render(into, host) {
        host.api('GET', '/api/tenant/chat-rules').then((rules) => {
            const field = (name: string, min: number, max: number) =>
                h('input', { name, type: 'number', min, max, value: rules[name] ?? '', placeholder: 'default' });
            const max = field('maxChatsPerAgent', 1, 50);
            const accept = field('acceptTimeoutSeconds', 5, 600);
            const close = field('autoCloseMinutes', 1, 1440);
            const problem = errorLine();
            fill(
                into,
                h('h2', null, 'Chat rules'),
                h('p', null, 'Offer or pick-up is chosen per department (Departments). Leave a field empty for the default.'),
                h(
                    'form.cannedform',
                    {
                        onsubmit: (event: Event) => {
                            event.preventDefault();
                            problem.textContent = '';
                            host.api('PUT', '/api/tenant/chat-rules', {
                                maxChatsPerAgent: optionalNumber(max.value),
                                acceptTimeoutSeconds: optionalNumber(accept.value),
                                autoCloseMinutes: optionalNumber(close.value),
                            }).then(() => host.toast('Chat rules saved'), (e: Error) => (problem.textContent = e.message));
                        },
                    },
                    h('label', null, 'Most chats per agent at once (a ceiling on each agent’s own limit) ', max),
                    h('label', null, 'Seconds an agent has to accept an offered chat ', accept),
                    h('label', null, 'Close a chat after this many minutes without a message ', close),
                    problem,
                    h('button.primary', { type: 'submit' }, 'Save rules'),
                ),
            );
        }, (e: Error) => host.toast(e.message));
    },
};
