// The settings bundle's entry: hands its screens to the console that injected it.
import { SETTINGS_HOOK, type SettingsHook } from './registry';
import { SCREENS } from './screens';

const hook = (window as unknown as Record<string, SettingsHook | undefined>)[SETTINGS_HOOK];
if (hook) hook(SCREENS);
