// The registry of the settings bundle: its screens in the order the Settings view lists them.
// A new management screen is a module beside these, added here; it then loads with the others,
// outside the agent's first bundle.
import { billingScreen } from './billing';
import { cannedScreen } from './canned';
import { departmentsScreen } from './departments';
import { invitationsScreen } from './invitations';
import { lookScreen } from './look';
import { moodTermsScreen } from './mood-terms';
import type { SettingsScreen } from './registry';
import { rulesScreen } from './rules';
import { sitesScreen } from './sites';
import { surveyScreen } from './survey';
import { usersScreen } from './users';

export const SCREENS: SettingsScreen[] = [
    sitesScreen,
    lookScreen,
    surveyScreen,
    departmentsScreen,
    rulesScreen,
    invitationsScreen,
    usersScreen,
    cannedScreen,
    moodTermsScreen,
    billingScreen,
];
