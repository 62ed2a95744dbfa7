// A few DOM helpers for the console: elements are made with text content only, never HTML.
type Child = Node | string | null | undefined | false;
type Props = Record<string, unknown>;

/** h('button.go', {onclick: f, title: 'x'}, 'Send') — classes after dots, an id after '#'. */
export function h<K extends keyof HTMLElementTagNameMap>(
    spec: K | `${K}.${string}` | `${K}#${string}`,
    props?: Props | null,
    ...children: (Child | Child[])[]
): HTMLElementTagNameMap[K];
export function h(spec: string, props?: Props | null, ...children: (Child | Child[])[]): HTMLElement;
export function h(spec: string, props?: Props | null, ...children: (Child | Child[])[]): HTMLElement {
    const [tagAndId, ...classes] = spec.split('.');
    const [tag, id] = tagAndId.split('#');
    const node = document.createElement(tag);
    if (id) node.id = id;
    if (classes.length) node.className = classes.join(' ');
    for (const [key, value] of Object.entries(props || {})) {
        if (value === undefined || value === null || value === false) continue;
        if (key.startsWith('on') && typeof value === 'function') {
            node.addEventListener(key.slice(2), value as EventListener);
        } else if (key === 'dataset') {
            Object.assign(node.dataset, value);
        } else if (key in node && !key.startsWith('aria') && key !== 'role') {
            (node as unknown as Record<string, unknown>)[key] = value;
        } else {
            node.setAttribute(key, value === true ? '' : String(value));
        }
    }
    append(node, children);
    return node;
}

function append(node: Node, children: (Child | Child[])[]) {
    for (const child of children) {
        if (Array.isArray(child)) append(node, child);
        else if (child !== null && child !== undefined && child !== false)
            node.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
    }
}

/** Replaces a node's children. */
export function fill(node: Element, ...children: (Child | Child[])[]) {
    node.replaceChildren();
    append(node, children);
}

/** "4:05" for 245 seconds; "1:02:03" past an hour. */
export function clock(seconds: number): string {
    const s = Math.max(0, Math.floor(seconds));
    const hh = Math.floor(s / 3600);
    const mm = Math.floor((s % 3600) / 60);
    const ss = String(s % 60).padStart(2, '0');
    return hh ? `${hh}:${String(mm).padStart(2, '0')}:${ss}` : `${mm}:${ss}`;
}

/** A URL's path, for showing where a visitor is; the text itself when it is not a URL. */
export function pathOf(url: string): string {
    try {
        return new URL(url).pathname;
    } catch {
        return url;
    }
}
