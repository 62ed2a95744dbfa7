// Owners and admins: the tenant's own mood terms, one "term = weight" per line, on top of the
// built-in lexicon.
import { fill, h } from '../dom';
import type { Json } from '../state';
import type { SettingsScreen } from './registry';

export interface MoodTerm {
    term: string;
    weight: number;
}

/** "late delivery = -2" lines into terms; a line without exactly one "=" or without a term is skipped. */
export function parseMoodTerms(text: string): MoodTerm[] {
    return text
        .split('\n')
        .map((line) => line.split('='))
        .filter((parts) => parts.length === 2 && parts[0].trim())
        .map(([term, weight]) => ({ term: term.trim(), weight: Number(weight.trim()) }));
}

export function formatMoodTerms(terms: MoodTerm[]): string {
    return terms.map((t) => `${t.term} = ${t.weight}`).join('\n');
}

export const moodTermsScreen: SettingsScreen = {
    id: 'mood-terms',
    title: 'Mood terms',
    roles: ['admin', 'owner'],
    render(into, host) {
        // Not editable until the current terms are in: what is typed meanwhile would be overwritten.
        const box = h('textarea', { name: 'moodTerms', rows: 8, placeholder: 'late delivery = -2\nsuper = 3', disabled: true });
        // Unreadable terms stay locked: saving an empty box would replace the tenant's terms with none.
        host.api('GET', '/api/tenant/mood-terms').then(
            (r: Json) => {
                box.value = formatMoodTerms(r.terms || []);
                box.disabled = false;
            },
            (e: Error) => host.toast(e.message),
        );
        fill(
            into,
            h(
                'form.cannedform',
                {
                    onsubmit: (event: Event) => {
                        event.preventDefault();
                        host.api('PUT', '/api/tenant/mood-terms', { terms: parseMoodTerms(box.value) }).then(
                            () => host.toast('Mood terms saved'),
                            (e: Error) => host.toast(e.message),
                        );
                    },
                },
                h('h3', null, 'Mood terms'),
                h('p', null, 'Words and phrases that tell how your visitors feel, weighted −5 to +5, added to the built-in English list.'),
                box,
                h('button.primary', { type: 'submit' }, 'Save mood terms'),
            ),
        );
    },
};
