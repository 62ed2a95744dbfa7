// Shared by the screens that edit one site's widget configuration (look, survey, invitations):
// which site, reading it, and saving the whole document back, as the API wants it.
import { quietly } from '../api';
import { h } from '../dom';
import type { Site } from '../onboarding';
import type { SiteConfig } from '../../shared';
import type { SettingsHost } from './registry';

export type Widget = SiteConfig & { siteKey: string; revision: number };

let chosenSite: string | null = null;

export async function sites(host: SettingsHost): Promise<Site[]> {
    return (await quietly(host.api('GET', '/api/tenant/sites'), { sites: [] })).sites || [];
}

/** A chooser of the tenant's sites when it has more than one; calls back with the chosen one. */
export function sitePicker(all: Site[], onPick: (site: Site) => void): HTMLElement | null {
    const current = all.find((s) => s.id === chosenSite) || all[0];
    if (!current) return null;
    chosenSite = current.id;
    if (all.length < 2) return null;
    const select = h(
        'select',
        { name: 'site', onchange: () => { chosenSite = select.value; onPick(all.find((s) => s.id === select.value)!); } },
        all.map((s) => h('option', { value: s.id, selected: s.id === current.id }, s.name)),
    );
    return h('label', null, 'Site ', select);
}

export function currentSite(all: Site[]): Site | undefined {
    return all.find((s) => s.id === chosenSite) || all[0];
}

export async function loadWidget(host: SettingsHost, siteId: string): Promise<Widget> {
    return (await host.api('GET', `/api/tenant/sites/${siteId}/widget`)) as Widget;
}

/** Saves the whole configuration; the server answers what it stored (with the new revision). */
export async function saveWidget(host: SettingsHost, siteId: string, widget: Widget): Promise<Widget> {
    const { look, survey, invitations, hours, offline } = widget;
    return (await host.api('PUT', `/api/tenant/sites/${siteId}/widget`, { look, survey, invitations, hours, offline })) as Widget;
}

/** A form's error line: the server's message names the field it refused. */
export function errorLine(): HTMLElement {
    return h('p.error', { role: 'alert' });
}
