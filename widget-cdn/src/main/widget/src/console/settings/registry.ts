// The contract between the console and its settings bundle (console-settings.<hash>.js), which is
// loaded only when someone opens Settings: the console hands each screen a host, the bundle
// hands the console its screens through a global hook when its script has run.
import type { Api } from '../api';
import { hasRole, type Canned, type Me } from '../state';

/** What a settings screen may use of the console. */
export interface SettingsHost {
    readonly me: Me;
    readonly api: Api;
    /** The gateway's origin, which the snippet loads the widget from. */
    readonly gateway: string;
    toast(text: string): void;
    /** The canned responses the console knows (the same ones `/shortcut` + Tab uses). */
    canned(): Canned[];
    /** Reads them again after a change, so that the chats use the new ones at once. */
    reloadCanned(): Promise<void>;
    /** After the plan changed: a new access token (the plan's features) and the banner read again. */
    accountChanged(): Promise<void>;
}

export interface SettingsScreen {
    /** Stable: `data-screen` on its tab. */
    id: string;
    title: string;
    /** Who sees it (lower case); everyone when absent. */
    roles?: string[];
    /** Fills `into`; may redraw it later on its own (after a save), the console never does meanwhile. */
    render(into: HTMLElement, host: SettingsHost): void;
}

/** The global the settings bundle calls once with its screens. */
export const SETTINGS_HOOK = 'parleySettings';
export type SettingsHook = (screens: SettingsScreen[]) => void;

/** The screens this user may open, in the bundle's order. */
export function allowedScreens(screens: SettingsScreen[], me: Me | null): SettingsScreen[] {
    return screens.filter((s) => !s.roles || hasRole(me, s.roles));
}
