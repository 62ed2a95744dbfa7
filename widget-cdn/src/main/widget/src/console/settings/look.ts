// Owners and admins: the widget's look (colour, label, icon or image, position, title), its
// greeting and offline message, with a live preview of the launcher and the panel's header.
import { icon } from '../../icons';
import { fill, h } from '../dom';
import { preview, type Look } from './forms';
import type { SettingsScreen } from './registry';
import { currentSite, errorLine, loadWidget, saveWidget, sitePicker, sites } from './widget-config';


function previewOf(look: Look): HTMLElement {
    const p = preview(look);
    const button = h(
        'span.previewlauncher',
        { style: `background:${p.background};${p.side === 'left' ? 'margin-right:auto' : 'margin-left:auto'}` },
        p.image ? h('img', { src: p.image, alt: '' }) : p.icon === 'none' ? null : icon(p.icon === 'help'),
        h('span.previewlabel', null, p.label),
    );
    return h(
        'div.preview',
        { 'aria-label': 'Preview', dataset: { side: p.side } },
        h('div.previewpanel', { style: `border-top:6px solid ${p.background}` }, h('strong', null, p.title), h('p', null, p.greeting)),
        h('div', { style: 'display:flex' }, button),
    );
}

export const lookScreen: SettingsScreen = {
    id: 'look',
    title: 'Widget look',
    roles: ['admin', 'owner'],
    render(into, host) {
        sites(host).then(async (all) => {
            const site = currentSite(all);
            if (!site) return fill(into, h('p', null, 'Add a site first.'));
            const widget = await loadWidget(host, site.id);
            const look = { ...widget.look };
            const box = h('div.previewbox');
            const input = (name: keyof Look, props: Record<string, unknown>) =>
                h('input', {
                    name,
                    value: look[name] || '',
                    ...props,
                    oninput: (e: Event) => {
                        (look as Record<string, unknown>)[name] = (e.target as HTMLInputElement).value || (name === 'imageUrl' ? null : '');
                        fill(box, previewOf(look));
                    },
                });
            const select = (name: 'position' | 'icon', options: [string, string][]) =>
                h(
                    'select',
                    { name, onchange: (e: Event) => { (look as Record<string, unknown>)[name] = (e.target as HTMLSelectElement).value; fill(box, previewOf(look)); } },
                    options.map(([value, text]) => h('option', { value, selected: look[name] === value }, text)),
                );
            const offline = h('textarea', { name: 'offline', rows: 2, maxLength: 300, value: widget.offline.message });
            const problem = errorLine();
            fill(box, previewOf(look));
            fill(
                into,
                h('h2', null, 'Widget look'),
                sitePicker(all, () => lookScreen.render(into, host)),
                h(
                    'div.lookgrid',
                    null,
                    h(
                        'form.cannedform',
                        {
                            onsubmit: (event: Event) => {
                                event.preventDefault();
                                problem.textContent = '';
                                saveWidget(host, site.id, { ...widget, look, offline: { message: offline.value } }).then(
                                    () => host.toast('Widget saved: visitors see it within a minute'),
                                    (e: Error) => (problem.textContent = e.message),
                                );
                            },
                        },
                        h('label', null, 'Colour ', input('color', { type: 'color' })),
                        h('label', null, 'Button label ', input('label', { maxLength: 40, required: true })),
                        h('label', null, 'Icon ', select('icon', [['chat', 'Speech bubble'], ['help', 'Question mark'], ['none', 'None']])),
                        h('label', null, 'Image (https address, instead of the icon) ', input('imageUrl', { type: 'url', placeholder: 'https://…/logo.png' })),
                        h('label', null, 'Position ', select('position', [['right', 'Bottom right'], ['left', 'Bottom left']])),
                        h('label', null, 'Window title ', input('title', { maxLength: 60, required: true })),
                        h('label', null, 'Greeting ', input('greeting', { maxLength: 200 })),
                        h('label', null, 'Offline message ', offline),
                        problem,
                        h('button.primary', { type: 'submit' }, 'Save look'),
                    ),
                    box,
                ),
            );
        }).catch((e: Error) => host.toast(e.message));
    },
};
