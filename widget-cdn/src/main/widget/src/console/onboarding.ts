// Onboarding: what a new owner sees after confirming their address — add the website's address
// (the site's allowed origin), copy the snippet, send themselves a test chat — and the plan banner
// (days left on the trial; "choose a plan" once it ended). Drawn with text only, never HTML.
import type { Api } from './api';
import { h } from './dom';

export interface Site {
    id: string;
    name: string;
    siteKey: string;
    allowedOrigins: string[];
}

export interface Account {
    status: string;
    takesChats: boolean;
    trialDaysLeft: number | null;
    plan: { code: string; name: string };
}

/** The loader snippet for a site, as the widget's README gives it. */
export function snippet(gateway: string, siteKey: string): string {
    return (
        '<script>\n' +
        "window.Parley=window.Parley||function(){(Parley.q=Parley.q||[]).push(arguments)};\n" +
        "(function(d){function l(){var s=d.createElement('script');s.async=true;s.src='" +
        gateway +
        "/widget/loader.js';\n" +
        "s.setAttribute('data-site-key','" +
        siteKey +
        "');d.head.appendChild(s)}\n" +
        "d.readyState==='complete'?l():window.addEventListener('load',l)})(document);\n" +
        '</script>'
    );
}

/** "https://shop.example" from what an owner types ("shop.example", "https://shop.example/cart"), or null. */
export function originOf(typed: string): string | null {
    const text = typed.trim();
    if (!text) return null;
    try {
        const url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : 'https://' + text);
        return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : null;
    } catch {
        return null;
    }
}

/** The banner over the console, or null when there is nothing to say. */
export function banner(account: Account | null, isOwner: boolean, choosePlan: () => void): HTMLElement | null {
    if (!account) return null;
    if (!account.takesChats) {
        return h(
            'div.banner.expired',
            { role: 'alert' },
            account.status === 'EXPIRED'
                ? 'Your trial or plan has ended: visitors see the offline form instead of a chat. '
                : 'This account takes no chats now. ',
            isOwner ? h('button.primary', { onclick: choosePlan }, 'Choose a plan') : 'Ask the owner to choose a plan.',
        );
    }
    if (account.status === 'PAST_DUE') {
        return h(
            'div.banner.expired',
            { role: 'alert' },
            'A payment failed: chats still work while the card is tried again. ',
            isOwner ? h('button.primary', { onclick: choosePlan }, 'Update card') : 'Ask the owner to update the card.',
        );
    }
    if (account.status === 'TRIAL' && account.trialDaysLeft !== null) {
        const days = account.trialDaysLeft;
        return h(
            'div.banner',
            { role: 'status' },
            `Trial: ${days} day${days === 1 ? '' : 's'} left. `,
            isOwner ? h('button.link', { onclick: choosePlan }, 'Choose a plan') : '',
        );
    }
    return null;
}

/**
 * The three steps. {@code done} is called when the owner leaves onboarding; {@code goOnline} puts
 * them online so the test chat comes to them.
 */
export function onboarding(api: Api, gateway: string, site: Site, goOnline: () => void, done: () => void): HTMLElement {
    const problem = h('p.error', { role: 'alert' });
    const saved = h('p', { role: 'status' });
    const address = h('input', {
        name: 'origin',
        type: 'url',
        placeholder: 'https://www.your-shop.example',
        value: site.allowedOrigins.find((origin) => origin !== gateway) || '',
        'aria-label': "Your website's address",
    });
    let origins = site.allowedOrigins.slice();

    async function allow(extra: string[]): Promise<boolean> {
        problem.textContent = '';
        const origin = originOf(address.value);
        if (!origin) {
            problem.textContent = "Enter your website's address, e.g. https://www.your-shop.example";
            address.setAttribute('aria-invalid', 'true');
            address.focus();
            return false;
        }
        address.removeAttribute('aria-invalid');
        const wanted = Array.from(new Set([origin, ...extra, ...origins.filter((o) => o === gateway)]));
        try {
            const updated = await api('PUT', '/api/tenant/sites/' + site.id + '/origins', { allowedOrigins: wanted });
            origins = (updated.allowedOrigins as string[]) || wanted;
            saved.textContent = 'Saved: the chat works on ' + origin + '.';
            return true;
        } catch (error) {
            problem.textContent = (error as Error).message || 'Not saved; try again.';
            return false;
        }
    }

    const code = snippet(gateway, site.siteKey);
    const copied = h('span', { role: 'status' });
    const copy = h('button.primary', {
        type: 'button',
        onclick: async () => {
            try {
                await navigator.clipboard.writeText(code);
                copied.textContent = 'Copied.';
            } catch {
                // No clipboard (permissions, plain http): select it for Ctrl+C instead.
                const range = document.createRange();
                range.selectNodeContents(pre);
                getSelection()?.removeAllRanges();
                getSelection()?.addRange(range);
                copied.textContent = 'Selected: press Ctrl+C.';
            }
        },
    }, 'Copy');
    const pre = h('pre.snippet', { 'aria-label': 'Your snippet' }, code);

    const test = h('button.primary', {
        type: 'button',
        onclick: async () => {
            // The test page is on Parley's own origin: allow it for this site too.
            if (!(await allow([gateway]))) return;
            goOnline();
            window.open(gateway + '/try?key=' + encodeURIComponent(site.siteKey), '_blank', 'noopener');
        },
    }, 'Send a test chat to yourself');

    return h(
        'section.onboarding',
        { 'aria-label': 'Set up your website' },
        h('h2', null, 'Welcome! Three steps and your website has live chat'),
        h('h3', null, "1. Your website's address"),
        h('form', {
            // Our own check (originOf) takes "shop.example" too, which the browser's URL check would refuse.
            novalidate: true,
            onsubmit: (event: Event) => {
                event.preventDefault();
                allow([]);
            },
        }, address, h('button.primary', { type: 'submit' }, 'Save'), problem, saved),
        h('h3', null, '2. Paste this before </body> on every page'),
        pre,
        h('div', null, copy, ' ', copied),
        h('h3', null, '3. Try it'),
        test,
        h('p', null, h('button.link', { type: 'button', onclick: done }, 'Done: go to my chats')),
    );
}
