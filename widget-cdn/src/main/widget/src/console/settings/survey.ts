// Owners and admins: the pre-chat survey — name, e-mail, a department chooser, an order or ticket
// number, own questions — each required or not.
import { fill, h } from '../dom';
import type { SurveyField } from '../../shared';
import { canAdd, presetField } from './forms';
import type { SettingsScreen } from './registry';
import { currentSite, errorLine, loadWidget, saveWidget, sitePicker, sites } from './widget-config';

const TYPES: [SurveyField['type'], string][] = [
    ['text', 'Text'],
    ['email', 'E-mail'],
    ['tel', 'Phone'],
    ['textarea', 'Long text'],
    ['select', 'Choice'],
    ['department', 'Department chooser'],
];

export const surveyScreen: SettingsScreen = {
    id: 'survey',
    title: 'Pre-chat survey',
    roles: ['admin', 'owner'],
    render(into, host) {
        sites(host).then(async (all) => {
            const site = currentSite(all);
            if (!site) return fill(into, h('p', null, 'Add a site first.'));
            const widget = await loadWidget(host, site.id);
            const survey: SurveyField[] = widget.survey.map((f) => ({ ...f }));
            const problem = errorLine();
            const rows = h('tbody');
            const draw = () =>
                fill(
                    rows,
                    survey.map((field, i) =>
                        h(
                            'tr',
                            { dataset: { field: field.name } },
                            h('td', null, h('input', { name: 'label', value: field.label, 'aria-label': 'Question', oninput: (e: Event) => (field.label = (e.target as HTMLInputElement).value) })),
                            h('td', null, h('input', { name: 'name', value: field.name, 'aria-label': 'Answer name', size: 10, oninput: (e: Event) => (field.name = (e.target as HTMLInputElement).value) })),
                            h(
                                'td',
                                null,
                                h(
                                    'select',
                                    {
                                        name: 'type',
                                        'aria-label': 'Kind',
                                        onchange: (e: Event) => {
                                            field.type = (e.target as HTMLSelectElement).value as SurveyField['type'];
                                            if (field.type === 'select') field.options = field.options || ['Yes', 'No'];
                                            else delete field.options;
                                            draw();
                                        },
                                    },
                                    TYPES.map(([value, text]) => h('option', { value, selected: field.type === value }, text)),
                                ),
                                field.type === 'select'
                                    ? h('input', { name: 'options', 'aria-label': 'Choices, comma-separated', value: (field.options || []).join(', '), oninput: (e: Event) => (field.options = (e.target as HTMLInputElement).value.split(',').map((o) => o.trim()).filter(Boolean)) })
                                    : field.type === 'department'
                                      ? h('small', null, ' the visitor picks one of your departments')
                                      : null,
                            ),
                            h('td', null, h('label', null, h('input', { type: 'checkbox', name: 'required', checked: field.required, onchange: (e: Event) => (field.required = (e.target as HTMLInputElement).checked) }), ' required')),
                            h('td', null, h('button.link.dark', { type: 'button', onclick: () => (survey.splice(i, 1), draw()) }, 'Remove')),
                        ),
                    ),
                );
            draw();
            const add = (kind: 'name' | 'email' | 'department' | 'order' | 'custom', text: string) =>
                h(
                    'button',
                    {
                        type: 'button',
                        dataset: { add: kind },
                        onclick: () => {
                            if (!canAdd(kind, survey)) return host.toast('There is a department chooser already');
                            survey.push(presetField(kind, survey.map((f) => f.name)));
                            draw();
                        },
                    },
                    text,
                );
            fill(
                into,
                h('h2', null, 'Pre-chat survey'),
                sitePicker(all, () => surveyScreen.render(into, host)),
                h('p', null, 'Asked before a chat starts; the answers reach the agent. A department chooser sends the chat to the department the visitor picks.'),
                h(
                    'form',
                    {
                        onsubmit: (event: Event) => {
                            event.preventDefault();
                            problem.textContent = '';
                            saveWidget(host, site.id, { ...widget, survey }).then(
                                () => host.toast('Survey saved'),
                                (e: Error) => (problem.textContent = e.message),
                            );
                        },
                    },
                    h('table.grid', null, h('thead', null, h('tr', null, ['Question', 'Name', 'Kind', '', ''].map((t) => h('th', null, t)))), rows),
                    h('p', null, 'Add: ', add('name', 'Name'), ' ', add('email', 'E-mail'), ' ', add('department', 'Department'), ' ', add('order', 'Order/ticket number'), ' ', add('custom', 'Own question')),
                    problem,
                    h('button.primary', { type: 'submit' }, 'Save survey'),
                ),
            );
        }).catch((e: Error) => host.toast(e.message));
    },
};
