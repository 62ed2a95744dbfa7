// Owners: the plan, paying for it through Stripe Checkout, the customer portal (card, plan change,
// cancelling) and the invoices. Stripe's pages are where cards are typed; this screen never sees one.
import { quietly } from '../api';
import { fill, h } from '../dom';
import type { Json } from '../state';
import type { SettingsHost, SettingsScreen } from './registry';

export interface PlanOffer {
    code: string;
    name: string;
    monthlyPriceCents: number;
    currency: string;
    seats: number | null;
    highlights: string[];
}

export interface Subscription {
    subscriptionStatus: string | null;
    plan: string | null;
    cancelAtPeriodEnd: boolean;
    currentPeriodEnd: string | null;
}

export interface Invoice {
    id: string;
    number: string | null;
    status: string;
    currency: string;
    amountDueCents: number;
    amountPaidCents: number;
    url: string | null;
    periodStart: string | null;
    periodEnd: string | null;
}

/** Stripe statuses of a subscription still running: changed in the portal, not bought again. */
const RUNNING = ['active', 'trialing', 'past_due', 'unpaid', 'incomplete', 'paused'];

export function running(subscription: Subscription | null): boolean {
    return !!subscription && RUNNING.includes(subscription.subscriptionStatus || '');
}

/** "€19.00" (or "USD 19.00" for a currency without a sign here). */
export function money(cents: number, currency: string): string {
    const signs: Record<string, string> = { EUR: '€', USD: '$', GBP: '£' };
    const code = currency.toUpperCase();
    return (signs[code] || code + ' ') + (cents / 100).toFixed(2);
}

function day(iso: string | null): string {
    return iso ? new Date(iso).toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' }) : '';
}

/** One line on where the subscription stands. */
export function standing(subscription: Subscription | null, planName: string): string {
    if (!subscription || !subscription.subscriptionStatus) return `${planName}: no subscription yet.`;
    const ends = day(subscription.currentPeriodEnd);
    switch (subscription.subscriptionStatus) {
        case 'active':
        case 'trialing':
            return subscription.cancelAtPeriodEnd
                ? `${planName}: cancelled, runs until ${ends}.`
                : `${planName}: active${ends ? `, renews on ${ends}` : ''}.`;
        case 'past_due':
            return `${planName}: a payment failed. Chats still work while the card is tried again — update it now.`;
        case 'unpaid':
            return `${planName}: unpaid. Visitors see the offline form until the invoice is paid.`;
        case 'canceled':
            return 'Your subscription has ended. Choose a plan to take chats again.';
        default:
            return `${planName}: ${subscription.subscriptionStatus}.`;
    }
}

/** Stripe's page for the owner: its address comes from the server, the browser goes there. */
function go(host: SettingsHost, path: string, body: Json, button: HTMLButtonElement) {
    button.disabled = true;
    host.api('POST', path, body).then(
        (r: Json) => location.assign(r.url),
        (e: Error) => {
            button.disabled = false;
            host.toast(e.message);
        },
    );
}

export const billingScreen: SettingsScreen = {
    id: 'billing',
    title: 'Billing',
    roles: ['owner'],
    render(into, host) {
        fill(into, h('h2', null, 'Billing'), h('p.empty', { role: 'status' }, 'Loading…'));
        // Back from Stripe Checkout (#billing=paid): the webhook may not have arrived yet.
        const justPaid = new URLSearchParams(location.hash.slice(1)).get('billing') === 'paid';
        Promise.all([
            host.api('GET', '/api/tenant/account'),
            host.api('GET', '/api/tenant/billing'),
            quietly(host.api('GET', '/api/tenant/plans'), { plans: [] } as Json),
        ]).then(
            ([account, billing, plans]) => {
                const subscription: Subscription | null = billing.account;
                // Paid, but not all in yet: the subscription and its first invoice come by separate webhooks.
                const waiting = justPaid && (!running(subscription) || billing.invoices.length === 0);
                const offers = (plans.plans as PlanOffer[]).filter((p) => p.monthlyPriceCents > 0);
                fill(
                    into,
                    h('h2', null, 'Billing'),
                    h(
                        'p.standing',
                        { role: 'status' },
                        waiting
                            ? 'Thank you — your payment is being confirmed…'
                            : account.status === 'TRIAL' && !running(subscription)
                              ? `Trial: ${account.trialDaysLeft} day${account.trialDaysLeft === 1 ? '' : 's'} left, everything included.`
                              : standing(subscription, account.plan.name),
                    ),
                    !billing.enabled
                        ? h('p.error', null, 'Paying online is not set up on this installation.')
                        : running(subscription)
                          ? h(
                                'button.primary.portal',
                                { onclick: (e: Event) => go(host, '/api/tenant/billing/portal', {}, e.currentTarget as HTMLButtonElement) },
                                'Manage card, plan or cancel',
                            )
                          : h(
                                'div.offers',
                                null,
                                offers.map((offer) =>
                                    h(
                                        'div.offer',
                                        { dataset: { plan: offer.code } },
                                        h('h3', null, offer.name),
                                        h('p.price', null, money(offer.monthlyPriceCents, offer.currency) + ' a month'),
                                        h('ul', null, offer.highlights.map((line) => h('li', null, line))),
                                        h(
                                            'button.primary',
                                            {
                                                disabled: waiting,
                                                onclick: (e: Event) =>
                                                    go(host, '/api/tenant/billing/checkout', { plan: offer.code }, e.currentTarget as HTMLButtonElement),
                                            },
                                            'Choose ' + offer.name,
                                        ),
                                    ),
                                ),
                            ),
                    h('h3', null, 'Invoices'),
                    (billing.invoices as Invoice[]).length === 0
                        ? h('p.empty', null, 'No invoices yet.')
                        : h(
                              'table.grid.invoices',
                              null,
                              h('thead', null, h('tr', null, ['Invoice', 'Period', 'Amount', 'Status', ''].map((t) => h('th', null, t)))),
                              h(
                                  'tbody',
                                  null,
                                  (billing.invoices as Invoice[]).map((invoice) =>
                                      h(
                                          'tr',
                                          { dataset: { invoice: invoice.id } },
                                          h('td', null, invoice.number || invoice.id),
                                          h('td', null, `${day(invoice.periodStart)} – ${day(invoice.periodEnd)}`),
                                          h('td', null, money(invoice.amountDueCents, invoice.currency)),
                                          h('td.status', null, invoice.status),
                                          h('td', null, invoice.url ? h('a', { href: invoice.url, target: '_blank', rel: 'noopener' }, 'View') : ''),
                                      ),
                                  ),
                              ),
                          ),
                );
                if (justPaid && !waiting) {
                    // In: the token (the plan's features) and the banner are renewed once.
                    history.replaceState(null, '', location.pathname + location.search + '#billing');
                    host.accountChanged();
                } else if (waiting) {
                    // Asked again until the webhook made the subscription (then as above).
                    setTimeout(() => {
                        if (into.isConnected) billingScreen.render(into, host);
                    }, 1000);
                }
            },
            (e: Error) => fill(into, h('h2', null, 'Billing'), h('p.error', { role: 'alert' }, e.message)),
        );
    },
};
