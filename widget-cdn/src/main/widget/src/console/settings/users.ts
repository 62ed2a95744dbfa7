// Owners and admins: the team. Users with their roles, departments and status, the plan's seats,
// the invitations still pending (resend, revoke), an invite form, and per user edit, deactivate or
// reactivate, and delete after a confirmation. The server enforces every rule (docs/protocol.md,
// "Users"); the screen only leaves out buttons the server would refuse anyway.
import { quietly } from '../api';
import { fill, h } from '../dom';
import type { Json, Me } from '../state';
import type { SettingsHost, SettingsScreen } from './registry';

export const ROLES = ['owner', 'admin', 'supervisor', 'agent'];

export interface TeamUser {
    id: string;
    email: string;
    displayName: string;
    roles: string[];
    departmentIds: string[];
    maxChats: number;
    deactivatedAt: string | null;
}

export type Action = 'edit' | 'deactivate' | 'reactivate' | 'delete';

export interface UserRow {
    user: TeamUser;
    /** deactivated, or the routing presence (online, away, offline), or '' when not known to this caller. */
    status: string;
    actions: Action[];
}

/**
 * The rows of the users table, active users first, each with the actions the caller may take:
 * owners are an owner's to change, and nobody deactivates or deletes themselves.
 */
export function userRows(users: TeamUser[], presence: Record<string, string>, me: Me | null): UserRow[] {
    const owner = !!me && me.roles.includes('owner');
    return users
        .slice()
        .sort((a, b) => Number(!!a.deactivatedAt) - Number(!!b.deactivatedAt) || a.displayName.localeCompare(b.displayName))
        .map((user) => {
            const self = !!me && me.id === user.id;
            const mayChange = owner || !user.roles.includes('owner');
            const actions: Action[] = [];
            if (mayChange) {
                actions.push('edit');
                if (!self) actions.push(user.deactivatedAt ? 'reactivate' : 'deactivate', 'delete');
            }
            return { user, status: user.deactivatedAt ? 'deactivated' : presence[user.id] || '', actions };
        });
}

/** The roles the caller may hand out: only an owner makes owners. */
export function grantableRoles(me: Me | null): string[] {
    return me && me.roles.includes('owner') ? ROLES : ROLES.filter((r) => r !== 'owner');
}

/** "4 of 25 seats used", or without a limit "4 seats used". */
export function seatsText(account: { seatsUsed?: number; seats?: number | null } | null): string {
    if (!account || typeof account.seatsUsed !== 'number') return '';
    const used = account.seatsUsed;
    return typeof account.seats === 'number' ? `${used} of ${account.seats} seats used` : `${used} ${used === 1 ? 'seat' : 'seats'} used`;
}

/** What the invite form sends, or the first thing to fix. */
export function inviteBody(email: string, displayName: string, roles: string[], departmentIds: string[]): { body?: Json; problem?: string } {
    const address = email.trim();
    if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(address)) return { problem: 'Enter the e-mail address to invite.' };
    if (!roles.length) return { problem: 'Choose at least one role.' };
    return { body: { email: address, displayName: displayName.trim() || address.split('@')[0], roles, departmentIds } };
}

/** The checked values of a group of checkboxes. */
const checked = (boxes: HTMLInputElement[]) => boxes.filter((b) => b.checked).map((b) => b.value);

function checkboxes(name: string, options: { value: string; label: string }[], selected: string[]) {
    const boxes = options.map((o) => h('input', { type: 'checkbox', name, value: o.value, checked: selected.includes(o.value) }));
    const group = h(
        'span.choices',
        { dataset: { group: name } },
        options.map((o, i) => h('label', null, boxes[i], ' ' + o.label)),
    );
    return { boxes, group };
}

export const usersScreen: SettingsScreen = {
    id: 'users',
    title: 'Users',
    roles: ['admin', 'owner'],
    render(into, host) {
        fill(into, h('h2', null, 'Users'), h('p.empty', { role: 'status' }, 'Loading…'));
        Promise.all([
            quietly(host.api('GET', '/api/tenant/users'), { users: [] } as Json),
            quietly(host.api('GET', '/api/tenant/invitations'), { invitations: [] } as Json),
            quietly(host.api('GET', '/api/tenant/departments'), { departments: [] } as Json),
            quietly(host.api('GET', '/api/tenant/account'), null as Json | null),
            // Presence is the supervisor view's: on a plan without it the status column stays empty.
            quietly(host.api('GET', '/api/routing/agents'), { agents: [] } as Json),
        ]).then(([users, invitations, departments, account, agents]) =>
            draw(into, host, {
                users: users.users || [],
                invitations: invitations.invitations || [],
                departments: departments.departments || [],
                account,
                presence: Object.fromEntries((agents.agents || []).map((a: Json) => [a.agentId, String(a.status || '').toLowerCase()])),
            }),
        );
    },
};

interface Team {
    users: TeamUser[];
    invitations: Json[];
    departments: Json[];
    account: Json | null;
    presence: Record<string, string>;
}

function draw(into: HTMLElement, host: SettingsHost, team: Team) {
    const redraw = () => usersScreen.render(into, host);
    const fail = (e: Error) => host.toast(e.message);
    const departmentName = (id: string) => (team.departments.find((d) => d.id === id) || { name: '?' }).name;
    const departmentOptions = team.departments.map((d) => ({ value: d.id as string, label: d.name as string }));
    const roleOptions = grantableRoles(host.me).map((r) => ({ value: r, label: r }));
    const editing = h('div.edit-slot');

    function edit(user: TeamUser) {
        const name = h('input', { name: 'displayName', value: user.displayName, required: true, maxLength: 100 });
        // An admin sees the owner role only on an owner's row, which they cannot open anyway.
        const roles = checkboxes('roles', roleOptions, user.roles);
        const depts = checkboxes('departmentIds', departmentOptions, user.departmentIds);
        const maxChats = h('input', { type: 'number', name: 'maxChats', min: 0, max: 100, value: String(user.maxChats) });
        fill(
            editing,
            h(
                'form.cannedform.useredit',
                {
                    onsubmit: (event: Event) => {
                        event.preventDefault();
                        host.api('PATCH', `/api/tenant/users/${user.id}`, {
                            displayName: name.value.trim(),
                            roles: checked(roles.boxes),
                            departmentIds: checked(depts.boxes),
                            maxChats: Number(maxChats.value),
                        }).then(() => (host.toast(`${name.value.trim()} saved`), redraw()), fail);
                    },
                },
                h('h3', null, 'Edit ' + user.displayName),
                h('label', null, 'Name ', name),
                h('label', null, 'Roles ', roles.group),
                h('label', null, 'Departments ', depts.group),
                h('label', null, 'Chats at once ', maxChats),
                h('span', null, h('button.primary', { type: 'submit' }, 'Save'), ' ', h('button.link.dark', { type: 'button', onclick: () => fill(editing) }, 'Cancel')),
            ),
        );
    }

    function confirmDelete(user: TeamUser) {
        fill(
            editing,
            h(
                'div.confirm',
                { role: 'alertdialog', 'aria-label': 'Delete ' + user.displayName },
                h('p', null, `Delete ${user.displayName} (${user.email})? Their chats keep their name; the user cannot be restored. Deactivate instead to keep them.`),
                h(
                    'button.primary.danger',
                    {
                        dataset: { confirm: 'delete' },
                        onclick: () => host.api('DELETE', `/api/tenant/users/${user.id}`).then(() => (host.toast(`${user.displayName} deleted`), redraw()), fail),
                    },
                    'Delete for good',
                ),
                ' ',
                h('button.link.dark', { onclick: () => fill(editing) }, 'Cancel'),
            ),
        );
    }

    const act = (row: UserRow, action: Action) => {
        const user = row.user;
        switch (action) {
            case 'edit':
                return edit(user);
            case 'delete':
                return confirmDelete(user);
            default:
                return host.api('POST', `/api/tenant/users/${user.id}/${action}`).then(
                    () => (host.toast(`${user.displayName} ${action}d`), redraw()),
                    fail,
                );
        }
    };
    const labels: Record<Action, string> = { edit: 'Edit', deactivate: 'Deactivate', reactivate: 'Reactivate', delete: 'Delete' };

    // The invite form.
    const email = h('input', { type: 'email', name: 'email', required: true, placeholder: 'colleague@example.com' });
    const name = h('input', { name: 'displayName', maxLength: 100, placeholder: 'Their name' });
    const roles = checkboxes('roles', roleOptions, ['agent']);
    const depts = checkboxes('departmentIds', departmentOptions, []);
    const problem = h('p.error', { role: 'alert' }, '');

    fill(
        into,
        h('h2', null, 'Users'),
        h('p.seats', null, seatsText(team.account)),
        h(
            'table.grid.users',
            null,
            h('thead', null, h('tr', null, ['Name', 'E-mail', 'Roles', 'Departments', 'Status', ''].map((t) => h('th', null, t)))),
            h(
                'tbody',
                null,
                userRows(team.users, team.presence, host.me).map((row) =>
                    h(
                        'tr',
                        { dataset: { user: row.user.email, status: row.status || 'unknown' } },
                        h('td', null, row.user.displayName),
                        h('td', null, row.user.email),
                        h('td', null, row.user.roles.join(', ')),
                        h('td', null, row.user.departmentIds.map(departmentName).join(', ')),
                        h('td.status', null, row.status),
                        h(
                            'td',
                            null,
                            row.actions.map((action) => h('button.link.dark', { dataset: { action }, onclick: () => act(row, action) }, labels[action])),
                        ),
                    ),
                ),
            ),
        ),
        editing,
        h('h3', null, 'Pending invitations'),
        team.invitations.length
            ? h(
                  'table.grid.invitations',
                  null,
                  h('thead', null, h('tr', null, ['E-mail', 'Name', 'Roles', 'Expires', ''].map((t) => h('th', null, t)))),
                  h(
                      'tbody',
                      null,
                      team.invitations.map((i) =>
                          h(
                              'tr',
                              { dataset: { invitation: i.email } },
                              h('td', null, i.email),
                              h('td', null, i.displayName),
                              h('td', null, (i.roles || []).join(', ')),
                              h('td', null, new Date(i.expiresAt).toLocaleDateString()),
                              h(
                                  'td',
                                  null,
                                  h(
                                      'button.link.dark',
                                      {
                                          dataset: { action: 'resend' },
                                          // Inviting the address again replaces the pending invitation with a fresh link.
                                          onclick: () =>
                                              host.api('POST', '/api/tenant/invitations', {
                                                  email: i.email,
                                                  displayName: i.displayName,
                                                  roles: i.roles,
                                                  departmentIds: i.departmentIds || [],
                                                  maxChats: i.maxChats,
                                              }).then(() => (host.toast(`Invitation to ${i.email} sent again`), redraw()), fail),
                                      },
                                      'Resend',
                                  ),
                                  ' ',
                                  h(
                                      'button.link.dark',
                                      {
                                          dataset: { action: 'revoke' },
                                          onclick: () => host.api('DELETE', `/api/tenant/invitations/${i.id}`).then(redraw, fail),
                                      },
                                      'Revoke',
                                  ),
                              ),
                          ),
                      ),
                  ),
              )
            : h('p.empty', null, 'None.'),
        h(
            'form.cannedform.invite',
            {
                onsubmit: (event: Event) => {
                    event.preventDefault();
                    const { body, problem: wrong } = inviteBody(email.value, name.value, checked(roles.boxes), checked(depts.boxes));
                    problem.textContent = wrong || '';
                    if (!body) return;
                    host.api('POST', '/api/tenant/invitations', body).then(
                        () => (host.toast(`Invitation sent to ${body.email}`), redraw()),
                        (e: Error) => (problem.textContent = e.message),
                    );
                },
            },
            h('h3', null, 'Invite someone'),
            h('label', null, 'E-mail ', email),
            h('label', null, 'Name ', name),
            h('label', null, 'Roles ', roles.group),
            departmentOptions.length ? h('label', null, 'Departments ', depts.group) : null,
            problem,
            h('button.primary', { type: 'submit' }, 'Send invitation'),
        ),
    );
}
