// Before the console: log in, ask for a password-reset link, set a new password from that link.
import { fill, h } from '../dom';
import type { Session } from '../session';

export interface LoginDeps {
    root: HTMLElement;
    gateway: string;
    session: Session;
    /** Signed in: show the console. */
    start(): void;
}

export function loginScreens(deps: LoginDeps) {
    function showLogin(problem?: string) {
        const email = h('input', { type: 'email', name: 'email', autocomplete: 'username', required: true });
        const password = h('input', { type: 'password', name: 'password', autocomplete: 'current-password', required: true });
        const error = h('p.error', { role: 'alert' }, problem || '');
        const form = h(
            'form.login',
            {
                onsubmit: async (event: Event) => {
                    event.preventDefault();
                    error.textContent = '';
                    const response = await fetch(deps.gateway + '/api/tenant/auth/login', {
                        method: 'POST',
                        headers: { 'Content-Type': 'application/json' },
                        body: JSON.stringify({ email: email.value.trim(), password: password.value }),
                    }).catch(() => null);
                    const json = response ? await response.json().catch(() => ({})) : {};
                    if (!response || !response.ok) {
                        error.textContent = !response
                            ? 'Parley is not reachable.'
                            : json.code === 'user_deactivated' || json.code === 'email_not_verified' || json.code === 'account_closed'
                              ? json.message
                              : 'Wrong email or password.';
                        return;
                    }
                    deps.session.signedIn(json);
                    if ('Notification' in window && Notification.permission === 'default') {
                        Notification.requestPermission().catch(() => undefined);
                    }
                    deps.start();
                },
            },
            h('h1', null, 'Parley console'),
            h('label', null, 'Email', email),
            h('label', null, 'Password', password),
            error,
            h('button.primary', { type: 'submit' }, 'Log in'),
            h('button.link', { type: 'button', onclick: () => showForgot(email.value.trim()) }, 'Forgot password?'),
        );
        fill(deps.root, form);
        email.focus();
    }

    /** Asks for a reset link; the answer is the same whether or not the address has an account. */
    function showForgot(typed: string) {
        const email = h('input', { type: 'email', name: 'email', autocomplete: 'username', required: true, value: typed });
        const note = h('p.note', { role: 'status' }, '');
        const form = h(
            'form.login',
            {
                onsubmit: async (event: Event) => {
                    event.preventDefault();
                    const response = await postJson('/api/tenant/auth/password-reset', { email: email.value.trim() });
                    note.textContent =
                        response && response.ok
                            ? 'If that address has an account, a link to set a new password is on its way.'
                            : 'Please enter a valid email address.';
                },
            },
            h('h1', null, 'Set a new password'),
            h('label', null, 'Email', email),
            note,
            h('button.primary', { type: 'submit' }, 'Send me a link'),
            h('button.link', { type: 'button', onclick: () => showLogin() }, 'Back to log in'),
        );
        fill(deps.root, form);
        email.focus();
    }

    /**
     * A page an e-mailed link opens with a token: one password field posted with the token to
     * {@code path}; {@code done} gets the answer of a success.
     */
    function passwordForm(token: string, path: string, texts: { title: string; intro?: string; button: string }, done: (response: Response) => unknown) {
        const password = h('input', { type: 'password', name: 'new-password', autocomplete: 'new-password', required: true });
        const error = h('p.error', { role: 'alert' }, '');
        const form = h(
            'form.login',
            {
                onsubmit: async (event: Event) => {
                    event.preventDefault();
                    const response = await postJson(path, { token, password: password.value });
                    if (response && response.ok) {
                        history.replaceState(null, '', location.pathname);
                        return done(response);
                    }
                    const json = response ? await response.json().catch(() => ({})) : {};
                    error.textContent = json.message || 'Parley is not reachable.';
                },
            },
            h('h1', null, texts.title),
            texts.intro ? h('p', null, texts.intro) : null,
            h('label', null, 'Password (at least 8 characters)', password),
            error,
            h('button.primary', { type: 'submit' }, texts.button),
        );
        fill(deps.root, form);
        password.focus();
    }

    /** The page the e-mailed link opens: /console#reset=<token>. */
    function showReset(token: string) {
        passwordForm(token, '/api/tenant/auth/password-reset/confirm', { title: 'Choose a new password', button: 'Set password' }, () =>
            showLogin('Your new password is set. Log in with it.'),
        );
    }

    /**
     * The page the sign-up's e-mailed link opens: /console#verify=<token>. Confirms the address and
     * signs the owner in; the console then opens onboarding for a site without an address.
     */
    async function verifyEmail(token: string) {
        fill(deps.root, h('p.empty', { role: 'status' }, 'Confirming your e-mail address…'));
        const response = await postJson('/api/tenant/auth/verify-email', { token });
        history.replaceState(null, '', location.pathname);
        if (response && response.ok) {
            deps.session.signedIn(await response.json());
            return deps.start();
        }
        const json = response ? await response.json().catch(() => ({})) : {};
        showLogin(json.message || 'Parley is not reachable.');
    }

    /** The page an invitation's e-mailed link opens: /console#invite=<token>. Choosing a password makes the account. */
    function showInvitation(token: string) {
        passwordForm(
            token,
            '/api/tenant/auth/accept-invitation',
            { title: 'Welcome to the team', intro: 'Choose the password you will sign in with.', button: 'Join' },
            async (response) => {
                deps.session.signedIn(await response.json());
                return deps.start();
            },
        );
    }

    function postJson(path: string, body: unknown): Promise<Response | null> {
        return fetch(deps.gateway + path, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify(body),
        }).catch(() => null);
    }

    return { showLogin, showForgot, showReset, verifyEmail, showInvitation };
}
