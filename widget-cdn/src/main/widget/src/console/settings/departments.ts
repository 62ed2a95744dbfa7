// Owners and admins: departments added, renamed, switched between offer and pick-up, given
// business hours in a time zone, and removed.
import { quietly } from '../api';
import { fill, h } from '../dom';
import type { Json } from '../state';
import { DAYS, formatIntervals, hoursFrom, type Hours } from './forms';
import type { SettingsScreen } from './registry';
import { errorLine } from './widget-config';

interface Department {
    id: string;
    name: string;
    routingMode: 'OFFER' | 'PICKUP';
    hours: Hours;
}

const MODES: [string, string][] = [
    ['OFFER', 'Offer to one agent at a time'],
    ['PICKUP', 'Every agent sees it; first to pick up'],
];

function departmentForm(d: Department, host: Parameters<SettingsScreen['render']>[1], redraw: () => void): HTMLElement {
    const name = h('input', { name: 'name', value: d.name, maxLength: 100, required: true });
    const mode = h('select', { name: 'routingMode' }, MODES.map(([v, t]) => h('option', { value: v, selected: d.routingMode === v }, t)));
    const zone = h('input', {
        name: 'timeZone',
        value: d.hours ? d.hours.timeZone : '',
        placeholder: 'always open; or e.g. ' + Intl.DateTimeFormat().resolvedOptions().timeZone,
    });
    const days = Object.fromEntries(
        DAYS.map((day) => [day, h('input', { name: 'hours-' + day, size: 14, value: d.hours ? formatIntervals(d.hours.week[day]) : '', placeholder: 'closed' })]),
    );
    const problem = errorLine();
    return h(
        'form.department',
        {
            dataset: { department: d.id },
            onsubmit: (event: Event) => {
                event.preventDefault();
                problem.textContent = '';
                let hours: Hours;
                try {
                    hours = hoursFrom(zone.value, Object.fromEntries(DAYS.map((day) => [day, days[day].value])));
                } catch (e) {
                    problem.textContent = `Hours on ${(e as Error).message}: write 09:00-17:00, or several with commas`;
                    return;
                }
                host.api('PUT', `/api/tenant/departments/${d.id}`, { name: name.value, routingMode: mode.value, hours }).then(
                    () => (host.toast('Department saved'), redraw()),
                    (e: Error) => (problem.textContent = e.message),
                );
            },
        },
        h('label', null, 'Name ', name),
        h('label', null, 'Routing ', mode),
        h('fieldset', null, h('legend', null, 'Business hours'), h('label', null, 'Time zone ', zone), DAYS.map((day) => h('label.day', null, day + ' ', days[day]))),
        problem,
        h('button.primary', { type: 'submit' }, 'Save'),
        ' ',
        h(
            'button.link.dark',
            {
                type: 'button',
                onclick: () => {
                    if (!confirm(`Remove ${d.name}? Its agents stay, without it.`)) return;
                    host.api('DELETE', `/api/tenant/departments/${d.id}`).then(redraw, (e: Error) => (problem.textContent = e.message));
                },
            },
            'Remove',
        ),
    );
}

export const departmentsScreen: SettingsScreen = {
    id: 'departments',
    title: 'Departments',
    roles: ['admin', 'owner'],
    render(into, host) {
        const redraw = () => departmentsScreen.render(into, host);
        quietly(host.api('GET', '/api/tenant/departments'), { departments: [] } as Json).then((r) => {
            const list: Department[] = r.departments || [];
            const name = h('input', { name: 'newDepartment', maxLength: 100, required: true, placeholder: 'Sales' });
            const problem = errorLine();
            fill(
                into,
                h('h2', null, 'Departments'),
                h('p', null, 'Each department has its own queue. Outside its hours a visitor who chose it is offered the offline form.'),
                list.map((d) => departmentForm(d, host, redraw)),
                h(
                    'form.cannedform',
                    {
                        onsubmit: (event: Event) => {
                            event.preventDefault();
                            host.api('POST', '/api/tenant/departments', { name: name.value }).then(redraw, (e: Error) => (problem.textContent = e.message));
                        },
                    },
                    h('h3', null, 'New department'),
                    h('label', null, 'Name ', name),
                    problem,
                    h('button.primary', { type: 'submit' }, 'Add department'),
                ),
            );
        });
    },
};
