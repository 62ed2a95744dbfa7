// Owners and admins: the tenant's sites, the addresses (origins) each may be embedded on, and the
// snippet to paste into the site's pages.
import { fill, h } from '../dom';
import { originOf, snippet } from '../onboarding';
import type { SettingsScreen } from './registry';
import { errorLine, sites } from './widget-config';

export const sitesScreen: SettingsScreen = {
    id: 'sites',
    title: 'Sites',
    roles: ['admin', 'owner'],
    render(into, host) {
        const redraw = () => sitesScreen.render(into, host);
        sites(host).then((all) => {
            const name = h('input', { name: 'siteName', required: true, maxLength: 100, placeholder: 'Web shop' });
            const addProblem = errorLine();
            fill(
                into,
                h('h2', null, 'Sites'),
                all.map((site) => {
                    const origins = h('textarea', { name: 'origins', rows: 3, value: site.allowedOrigins.join('\n') });
                    const problem = errorLine();
                    const code = snippet(host.gateway, site.siteKey);
                    return h(
                        'section.site',
                        { dataset: { site: site.id } },
                        h('h3', null, site.name),
                        h(
                            'form.cannedform',
                            {
                                onsubmit: (event: Event) => {
                                    event.preventDefault();
                                    const typed = origins.value.split('\n').map((l) => l.trim()).filter(Boolean);
                                    const read = typed.map(originOf);
                                    const bad = typed.find((_, i) => !read[i]);
                                    if (bad) return void (problem.textContent = `"${bad}" is not a web address`);
                                    host.api('PUT', `/api/tenant/sites/${site.id}/origins`, { allowedOrigins: read }).then(
                                        () => (host.toast('Addresses saved'), redraw()),
                                        (e: Error) => (problem.textContent = e.message),
                                    );
                                },
                            },
                            h('label', null, 'Website addresses the chat may run on, one per line ', origins),
                            problem,
                            h('button.primary', { type: 'submit' }, 'Save addresses'),
                        ),
                        h('p', null, 'Paste this before </body> on every page:'),
                        h('pre.snippet', { 'aria-label': 'Snippet of ' + site.name }, code),
                        h(
                            'button',
                            { onclick: () => navigator.clipboard.writeText(code).then(() => host.toast('Snippet copied'), () => host.toast('Select the snippet and copy it')) },
                            'Copy snippet',
                        ),
                    );
                }),
                h(
                    'form.cannedform',
                    {
                        onsubmit: (event: Event) => {
                            event.preventDefault();
                            host.api('POST', '/api/tenant/sites', { name: name.value, allowedOrigins: [] }).then(redraw, (e: Error) => (addProblem.textContent = e.message));
                        },
                    },
                    h('h3', null, 'New site'),
                    h('label', null, 'Name ', name),
                    addProblem,
                    h('button.primary', { type: 'submit' }, 'Add site'),
                ),
            );
        });
    },
};
