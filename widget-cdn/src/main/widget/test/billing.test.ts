import assert from 'node:assert/strict';
import { test } from 'node:test';
import { money, running, standing, type Subscription } from '../src/console/settings/billing';

const subscription = (status: string | null, cancelAtPeriodEnd = false): Subscription => ({
    subscriptionStatus: status,
    plan: 'starter',
    cancelAtPeriodEnd,
    currentPeriodEnd: '2027-01-03T10:00:00Z',
});

test('a running subscription is managed in the portal; none, or an ended one, is bought again', () => {
    for (const status of ['active', 'trialing', 'past_due', 'unpaid', 'incomplete', 'paused']) {
        assert.equal(running(subscription(status)), true, status);
    }
    assert.equal(running(subscription('canceled')), false);
    assert.equal(running(subscription('incomplete_expired')), false);
    assert.equal(running(subscription(null)), false);
    assert.equal(running(null), false);
});

test('prices read as owners read them', () => {
    assert.equal(money(1900, 'EUR'), '€19.00');
    assert.equal(money(7905, 'eur'), '€79.05');
    assert.equal(money(500, 'CHF'), 'CHF 5.00');
});

test('the standing line says what the owner must know', () => {
    assert.match(standing(subscription('active'), 'Starter'), /^Starter: active, renews on /);
    assert.match(standing(subscription('active', true), 'Starter'), /^Starter: cancelled, runs until /);
    assert.match(standing(subscription('past_due'), 'Pro'), /payment failed/);
    assert.match(standing(subscription('canceled'), 'Pro'), /has ended/);
    assert.equal(standing(null, 'Trial'), 'Trial: no subscription yet.');
});
