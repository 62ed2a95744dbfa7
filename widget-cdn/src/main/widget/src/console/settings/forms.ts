// Pure pieces of the settings forms, kept apart from the DOM so that node --test can check them:
// opening hours typed as "09:00-17:00, 18:00-20:00" per day, the chat rules' optional numbers,
// the survey's ready-made fields, and what the widget's launcher will look like.
import type { SiteConfig, SurveyField } from '../../shared';

export type Hours = SiteConfig['hours'];
export type Look = SiteConfig['look'];
export const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/** "09:00-17:00, 18:00-20:00" into intervals; "" is closed; null when a part is not HH:mm-HH:mm. */
export function parseIntervals(text: string): { from: string; to: string }[] | null {
    const parts = text.split(',').map((p) => p.trim()).filter(Boolean);
    const out: { from: string; to: string }[] = [];
    for (const part of parts) {
        const m = /^(\d{1,2}):(\d{2})\s*[-–]\s*(\d{1,2}):(\d{2})$/.exec(part);
        if (!m) return null;
        out.push({ from: m[1].padStart(2, '0') + ':' + m[2], to: m[3].padStart(2, '0') + ':' + m[4] });
    }
    return out;
}

export function formatIntervals(intervals: { from: string; to: string }[] | undefined): string {
    return (intervals || []).map((i) => `${i.from}-${i.to}`).join(', ');
}

/**
 * The hours a form describes: null (always open) without a time zone; else every day, closed
 * where left empty. Throws the day's name when its text cannot be read, for the form to point at.
 */
export function hoursFrom(timeZone: string, days: Record<string, string>): Hours {
    if (!timeZone.trim()) return null;
    const week: Record<string, { from: string; to: string }[]> = {};
    for (const day of DAYS) {
        const intervals = parseIntervals(days[day] || '');
        if (!intervals) throw new Error(day);
        week[day] = intervals;
    }
    return { timeZone: timeZone.trim(), week };
}

/** A number field of the chat rules: empty is "the default" (null). */
export function optionalNumber(text: string): number | null {
    const t = text.trim();
    return t === '' ? null : Number(t);
}

/** The ready-made survey fields an owner adds with one click; a custom one gets a free name. */
export function presetField(kind: 'name' | 'email' | 'department' | 'order' | 'custom', taken: string[]): SurveyField {
    const presets: Record<string, SurveyField> = {
        name: { name: 'name', label: 'Your name', type: 'text', required: true },
        email: { name: 'email', label: 'Email', type: 'email', required: false },
        department: { name: 'department', label: 'Department', type: 'department', required: true },
        order: { name: 'order', label: 'Order or ticket number', type: 'text', required: false },
        custom: { name: 'question', label: 'Question', type: 'text', required: false },
    };
    const field = { ...presets[kind] };
    let n = 2;
    const base = field.name;
    while (taken.includes(field.name)) field.name = base + '_' + n++;
    return field;
}

/** Whether one more field of that kind may be added: one department chooser at most. */
export function canAdd(kind: string, survey: SurveyField[]): boolean {
    return kind !== 'department' || !survey.some((f) => f.type === 'department');
}

export interface Preview {
    side: 'left' | 'right';
    background: string;
    label: string;
    icon: 'chat' | 'help' | 'none';
    image: string | null;
    title: string;
    greeting: string;
}

/** What the launcher and the panel's header show for a look, as the launcher paints it. */
export function preview(look: Look): Preview {
    const color = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.test(look.color) ? look.color : '#2563eb';
    return {
        side: look.position === 'left' ? 'left' : 'right',
        background: color,
        label: look.label.trim() || 'Chat with us',
        icon: look.imageUrl && /^https:\/\//.test(look.imageUrl) ? 'none' : look.icon,
        image: look.imageUrl && /^https:\/\//.test(look.imageUrl) ? look.imageUrl : null,
        title: look.title,
        greeting: look.greeting,
    };
}
