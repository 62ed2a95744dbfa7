// The console's HTTP: the gateway's API with the agent's access token, renewed once when it ran
// out between checks (a 401), and the session ended when even that fails.
import type { Json } from './state';

export type Api = (method: string, path: string, body?: unknown) => Promise<Json>;

/** What the API needs of the session (session.ts). */
export interface Credentials {
    readonly access: string;
    fresh(): Promise<boolean>;
    renew(): Promise<boolean>;
}

export function makeApi(
    gateway: string,
    session: Credentials,
    unauthorized: () => void,
    fetchImpl: typeof fetch = (input, init) => fetch(input, init),
): Api {
    const api = async (method: string, path: string, body?: unknown, renewed = false): Promise<Json> => {
        await session.fresh();
        const headers: Record<string, string> = { Authorization: 'Bearer ' + session.access };
        if (body !== undefined) headers['Content-Type'] = 'application/json';
        const response = await fetchImpl(gateway + path, {
            method,
            headers,
            body: body === undefined ? undefined : JSON.stringify(body),
        });
        if (response.status === 401) {
            // The access token ran out between checks: renew once and ask again.
            if (!renewed && (await session.renew())) return api(method, path, body, true);
            unauthorized();
            throw new Error('unauthorized');
        }
        const json: Json = response.status === 204 ? {} : await response.json().catch(() => ({}));
        if (!response.ok) throw new Error(json.message || json.code || String(response.status));
        return json;
    };
    return (method, path, body) => api(method, path, body);
}

/** The answer, or the fallback when the call failed: for lists that may be empty for a moment. */
export const quietly = <T>(promise: Promise<T>, fallback: T): Promise<T> => promise.catch(() => fallback);
