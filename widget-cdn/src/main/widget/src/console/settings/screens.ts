// The registry of the settings bundle: its screens in the order the Settings view lists them.
// A new management screen (sites, users, plans, the widget's look) is a module beside these,
// added here; it then loads with the others, outside the agent's first bundle.
import { billingScreen } from './billing';
import { cannedScreen } from './canned';
import { moodTermsScreen } from './mood-terms';
import type { SettingsScreen } from './registry';
import { usersScreen } from './users';

export const SCREENS: SettingsScreen[] = [cannedScreen, moodTermsScreen, usersScreen, billingScreen];
