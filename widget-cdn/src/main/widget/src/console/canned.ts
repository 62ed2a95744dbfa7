// `/shortcut` + Tab in a chat's composer: the canned response, its variables filled in. Pure, so
// that the rule (the agent's own response before the team's of the same shortcut) is tested.
import type { Canned } from './state';

/** The composer's text and caret after expanding the `/shortcut` just before the caret; null when there is none. */
export function expandCanned(
    value: string,
    caret: number,
    canned: Canned[],
    names: { visitor: string; agent: string },
): { value: string; caret: number } | null {
    const before = value.slice(0, caret);
    const match = /(^|\s)\/([a-z0-9][a-z0-9_-]*)$/.exec(before);
    if (!match) return null;
    const found = canned.find((c) => c.shortcut === match[2] && !c.shared) || canned.find((c) => c.shortcut === match[2]);
    if (!found) return null;
    const text = found.text
        .replace(/\{visitor\.name\}/g, names.visitor || 'there')
        .replace(/\{agent\.name\}/g, names.agent);
    const start = before.length - match[2].length - 1;
    return { value: value.slice(0, start) + text + value.slice(caret), caret: start + text.length };
}
