import assert from 'node:assert/strict';
import { test } from 'node:test';
import { canAdd, formatIntervals, hoursFrom, optionalNumber, parseIntervals, presetField, preview } from '../src/console/settings/forms';

test('opening intervals are read as typed and written back the same way', () => {
    assert.deepEqual(parseIntervals('9:00-12:30, 13:30 – 17:00'), [
        { from: '09:00', to: '12:30' },
        { from: '13:30', to: '17:00' },
    ]);
    assert.deepEqual(parseIntervals('  '), []);
    assert.equal(parseIntervals('nine to five'), null);
    assert.equal(parseIntervals('09:00'), null);
    assert.equal(formatIntervals([{ from: '09:00', to: '17:00' }, { from: '18:00', to: '20:00' }]), '09:00-17:00, 18:00-20:00');
    assert.equal(formatIntervals(undefined), '');
});

test('hours without a time zone are "always open"; with one, every day is there and empty is closed', () => {
    assert.equal(hoursFrom('  ', { mon: '09:00-17:00' }), null);
    const hours = hoursFrom('Europe/Berlin', { mon: '09:00-17:00', sat: '' });
    assert.equal(hours!.timeZone, 'Europe/Berlin');
    assert.deepEqual(hours!.week.mon, [{ from: '09:00', to: '17:00' }]);
    assert.deepEqual(hours!.week.sat, []);
    assert.deepEqual(Object.keys(hours!.week), ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);
    assert.throws(() => hoursFrom('UTC', { tue: 'late' }), /tue/);
});

test('an empty rule is the default, a number is a number', () => {
    assert.equal(optionalNumber(''), null);
    assert.equal(optionalNumber(' 15 '), 15);
});

test('ready-made survey fields get free names, and one department chooser at most', () => {
    assert.deepEqual(presetField('department', []), { name: 'department', label: 'Department', type: 'department', required: true });
    assert.equal(presetField('order', ['order', 'order_2']).name, 'order_3');
    assert.equal(presetField('email', []).type, 'email');
    assert.equal(canAdd('department', [{ name: 'd', label: 'D', type: 'department', required: false }]), false);
    assert.equal(canAdd('department', [{ name: 'name', label: 'Name', type: 'text', required: true }]), true);
    assert.equal(canAdd('order', [{ name: 'd', label: 'D', type: 'department', required: false }]), true);
});

test('the preview shows what the launcher will: colour, label, side, and an image instead of the icon', () => {
    const look = { label: ' Talk to us ', color: '#0F766E', position: 'left' as const, icon: 'help' as const, imageUrl: null, title: 'Acme', greeting: 'Hi' };
    assert.deepEqual(preview(look), { side: 'left', background: '#0F766E', label: 'Talk to us', icon: 'help', image: null, title: 'Acme', greeting: 'Hi' });
    const withImage = preview({ ...look, imageUrl: 'https://cdn.example/logo.png' });
    assert.equal(withImage.image, 'https://cdn.example/logo.png');
    assert.equal(withImage.icon, 'none');
    assert.equal(preview({ ...look, imageUrl: 'http://insecure.example/x.png' }).image, null);
    assert.equal(preview({ ...look, color: 'red; background:url(x)' }).background, '#2563eb');
    assert.equal(preview({ ...look, label: '  ' }).label, 'Chat with us');
});
