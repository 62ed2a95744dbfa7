// Parley's public pages, served through the gateway: /pricing (the plans from
// GET /api/tenant/plans), /signup (business name, name, e-mail, password → POST /api/tenant/signup,
// then "check your inbox") and /try?key=<site key> (a test page with the widget installed, where a
// new owner sends themselves a test chat). Text is only ever set as text, never parsed as HTML.
import { fill, h } from '../console/dom';

interface PlanView {
    code: string;
    name: string;
    monthlyPriceCents: number;
    currency: string;
    seats: number | null;
    features: string[];
    highlights: string[];
    trialDays: number;
}

const STYLE = `
*{box-sizing:border-box}
body{margin:0;font:15px/1.5 system-ui,sans-serif;color:#111827;background:#f9fafb}
a{color:#1d4ed8}
header{display:flex;align-items:center;gap:18px;padding:14px 24px;background:#111827;color:#fff}
header a{color:#e5e7eb;text-decoration:none}
header b{font-size:18px;margin-right:auto}
main{max-width:980px;margin:0 auto;padding:32px 20px}
h1{font-size:30px;margin:0 0 8px}
.plans{display:grid;grid-template-columns:repeat(auto-fit,minmax(240px,1fr));gap:18px;margin-top:24px}
.plan{background:#fff;border:1px solid #e5e7eb;border-radius:12px;padding:22px;display:flex;flex-direction:column;gap:10px}
.price{font-size:28px;font-weight:700}
.plan ul{padding-left:18px;margin:0;flex:1}
.cta{background:#1d4ed8;color:#fff;border:0;border-radius:8px;padding:10px 14px;text-align:center;text-decoration:none;font-weight:600}
form{max-width:420px;background:#fff;border:1px solid #e5e7eb;border-radius:12px;padding:24px;display:flex;flex-direction:column;gap:12px}
label{display:flex;flex-direction:column;gap:4px;font-weight:600}
input{font:inherit;padding:9px;border:1px solid #9ca3af;border-radius:6px;font-weight:400}
input[aria-invalid=true]{border-color:#b91c1c}
.field-error,.error{color:#b91c1c;font-weight:400;font-size:13px;min-height:1em;margin:0}
.sent{max-width:520px;background:#fff;border:1px solid #e5e7eb;border-radius:12px;padding:24px}
`;

const page = location.pathname.replace(/\/+$/, '') || '/pricing';
document.title = page === '/signup' ? 'Start your Parley trial' : page === '/try' ? 'Parley test page' : 'Parley pricing';
document.head.append(h('style', null, STYLE));
const main = h('main');
document.body.append(
    h('header', null, h('b', null, 'Parley'), h('a', { href: '/pricing' }, 'Pricing'), h('a', { href: '/signup' }, 'Sign up'), h('a', { href: '/console' }, 'Sign in')),
    main,
);

if (page === '/signup') signup();
else if (page === '/try') testPage();
else pricing();

/** The widget as a visitor meets it, on a page of Parley's own origin (onboarding allows it for the site). */
function testPage() {
    const key = new URLSearchParams(location.search).get('key') || '';
    fill(
        main,
        h('h1', null, 'Your chat button, on a test page'),
        h('p', null, 'This page has your snippet installed. Click the chat button at the bottom right and send a message: you are online in the console, so the chat comes to you.'),
    );
    const loader = document.createElement('script');
    loader.async = true;
    loader.src = '/widget/loader.js';
    loader.setAttribute('data-site-key', key);
    document.head.appendChild(loader);
}

function money(cents: number, currency: string): string {
    return new Intl.NumberFormat(undefined, { style: 'currency', currency, maximumFractionDigits: 0 }).format(cents / 100);
}

async function pricing() {
    fill(main, h('h1', null, 'Live chat for your website'), h('p', null, 'Every plan: unlimited chats, the widget, canned responses, offline messages and transcripts.'));
    let plans: PlanView[] = [];
    try {
        const answer = await fetch('/api/tenant/plans');
        if (!answer.ok) throw new Error(String(answer.status));
        plans = (await answer.json()).plans || [];
    } catch {
        main.append(h('p.error', { role: 'alert' }, 'The plans could not be loaded; try again in a moment.'));
        return;
    }
    main.append(
        h(
            'div.plans',
            null,
            plans.map((plan) =>
                h(
                    'section.plan',
                    { dataset: { plan: plan.code } },
                    h('h2', null, plan.name),
                    h('div.price', null, plan.monthlyPriceCents ? money(plan.monthlyPriceCents, plan.currency) + ' / month' : 'Free for ' + plan.trialDays + ' days'),
                    h('div', null, plan.seats === null ? 'Unlimited users' : 'Up to ' + plan.seats + ' users'),
                    h('ul', null, plan.highlights.map((line) => h('li', null, line))),
                    h('a.cta', { href: '/signup?plan=' + encodeURIComponent(plan.code) }, plan.monthlyPriceCents ? 'Start with a free trial' : 'Start your free trial'),
                ),
            ),
        ),
    );
}

function signup() {
    const chosen = new URLSearchParams(location.search).get('plan');
    const fields: [string, string, string, string][] = [
        ['companyName', 'Business name', 'text', 'organization'],
        ['ownerName', 'Your name', 'text', 'name'],
        ['email', 'Work e-mail', 'email', 'email'],
        ['password', 'Password (8 characters or more)', 'password', 'new-password'],
    ];
    const inputs: Record<string, HTMLInputElement> = {};
    const errors: Record<string, HTMLElement> = {};
    const problem = h('p.error', { role: 'alert' });
    const submit = h('button.cta', { type: 'submit' }, 'Start my 14-day trial');
    const form = h(
        'form',
        { novalidate: true, 'aria-label': 'Sign up' },
        fields.map(([name, label, type, autocomplete]) => {
            inputs[name] = h('input', { name, type, autocomplete, required: true, maxLength: name === 'password' ? 256 : 254, 'aria-describedby': name + '-error' });
            errors[name] = h('p.field-error', { id: name + '-error' });
            return h('label', null, label, inputs[name], errors[name]);
        }),
        problem,
        submit,
        h('p', null, 'Already have an account? ', h('a', { href: '/console' }, 'Sign in')),
    );
    fill(main, h('h1', null, 'Start your free trial'), h('p', null, chosen && chosen !== 'trial' ? 'Try everything for 14 days, then continue on the plan you chose.' : 'Everything for 14 days, no card needed.'), form);
    inputs.companyName.focus();

    form.onsubmit = async (event) => {
        event.preventDefault();
        for (const name in errors) {
            errors[name].textContent = '';
            inputs[name].removeAttribute('aria-invalid');
        }
        problem.textContent = '';
        const body: Record<string, string> = {};
        for (const [name] of fields) body[name] = inputs[name].value.trim();
        body.password = inputs.password.value;
        const missing = fields.find(([name]) => !body[name]);
        if (missing) return fieldError(missing[0], missing[1] + ' is required');
        submit.disabled = true;
        try {
            const answer = await fetch('/api/tenant/signup', {
                method: 'POST',
                headers: { 'Content-Type': 'application/json' },
                body: JSON.stringify(body),
            });
            if (answer.status === 202) return sent(body);
            const error = await answer.json().catch(() => ({}));
            if (answer.status === 429) {
                const minutes = Math.ceil(Number(answer.headers.get('Retry-After') || 60) / 60);
                problem.textContent = `Too many sign-ups for this address; try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`;
            } else if (error.code === 'invalid') {
                const field = fields.find(([name]) => String(error.message || '').includes(name));
                if (field) fieldError(field[0], String(error.message).replace(field[0], field[1]));
                else problem.textContent = String(error.message || 'Please check the form');
            } else {
                problem.textContent = 'Sign-up is unavailable right now; try again in a moment.';
            }
        } catch {
            problem.textContent = 'No connection; try again.';
        } finally {
            submit.disabled = false;
        }
    };

    function fieldError(name: string, message: string) {
        errors[name].textContent = message;
        inputs[name].setAttribute('aria-invalid', 'true');
        inputs[name].focus();
    }

    function sent(body: Record<string, string>) {
        const again = h('button.link', { type: 'button' }, 'Send the link again');
        const note = h('p', { role: 'status' });
        again.onclick = async () => {
            const answer = await fetch('/api/tenant/signup', {
                method: 'POST',
                headers: { 'Content-Type': 'application/json' },
                body: JSON.stringify(body),
            }).catch(() => null);
            note.textContent = answer && answer.status === 202 ? 'Sent again.' : 'Not sent; wait a little and try again.';
        };
        fill(
            main,
            h(
                'section.sent',
                { role: 'status' },
                h('h1', null, 'Check your inbox'),
                h('p', null, 'We sent a link to ', h('b', null, body.email), '. Follow it within 48 hours to confirm your address; it signs you in and sets up your website.'),
                h('p', null, 'Nothing there? Look in the spam folder, or '),
                again,
                note,
            ),
        );
    }
}
