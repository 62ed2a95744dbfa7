// The Settings view: its screens live in a bundle of their own (console-settings.<hash>.js, the
// name put in at build time), fetched the first time someone opens Settings, so that an agent's
// console starts without them. The same trick as the launcher's panel: inject the script, and
// the bundle calls a global hook with its screens.
import type { App } from '../app';
import { fill, h } from '../dom';
import { allowedScreens, SETTINGS_HOOK, type SettingsHook, type SettingsHost, type SettingsScreen } from '../settings/registry';

declare const SETTINGS_FILE: string;

// Read while this bundle's script runs: the settings bundle sits beside it.
const self = document.currentScript as HTMLScriptElement | null;
const base = self && self.src ? self.src.slice(0, self.src.lastIndexOf('/') + 1) : '/widget/';
let loading: Promise<SettingsScreen[]> | null = null;

/** The settings bundle's screens, fetched once; a failed fetch may be tried again. */
function loadSettings(): Promise<SettingsScreen[]> {
    loading =
        loading ||
        new Promise<SettingsScreen[]>((resolve, reject) => {
            (window as unknown as Record<string, SettingsHook>)[SETTINGS_HOOK] = resolve;
            const script = document.createElement('script');
            script.src = base + SETTINGS_FILE;
            script.onerror = () => {
                loading = null;
                script.remove();
                reject(new Error('not loaded'));
            };
            document.head.append(script);
        });
    return loading;
}

export function renderSettings(app: App, host: SettingsHost) {
    const { state, main } = app;
    fill(main, h('h2', null, 'Settings'), h('p.empty', { role: 'status' }, 'Loading…'));
    loadSettings().then(
        (screens) => {
            if (state.view !== 'settings') return;
            const allowed = allowedScreens(screens, state.me);
            const current = allowed.find((s) => s.id === state.settingsScreen) || allowed[0];
            const pane = h('section.pane');
            fill(
                main,
                h(
                    'div.screens',
                    { role: 'tablist', 'aria-label': 'Settings' },
                    allowed.map((screen) =>
                        h(
                            'button.screen',
                            {
                                role: 'tab',
                                'aria-selected': String(screen === current),
                                dataset: { screen: screen.id },
                                onclick: () => {
                                    state.settingsScreen = screen.id;
                                    renderSettings(app, host);
                                },
                            },
                            screen.title,
                        ),
                    ),
                ),
                pane,
            );
            if (current) current.render(pane, host);
        },
        () => {
            if (state.view !== 'settings') return;
            fill(
                main,
                h('h2', null, 'Settings'),
                h('p.error', { role: 'alert' }, 'Settings could not be loaded.'),
                h('button.primary', { onclick: () => renderSettings(app, host) }, 'Try again'),
            );
        },
    );
}
