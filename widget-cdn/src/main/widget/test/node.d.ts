// The little of Node's test runner and assert that the tests use (no @types/node dependency).
declare module 'node:test' {
    type Body = (context?: unknown) => void | Promise<void>;
    export function test(name: string, body: Body): Promise<void>;
    export function describe(name: string, body: () => void): void;
    export function it(name: string, body: Body): void;
    export function beforeEach(body: Body): void;
}

declare module 'node:assert/strict' {
    interface Assert {
        (value: unknown, message?: string): asserts value;
        ok(value: unknown, message?: string): asserts value;
        equal<T>(actual: unknown, expected: T, message?: string): asserts actual is T;
        notEqual(actual: unknown, expected: unknown, message?: string): void;
        deepEqual<T>(actual: unknown, expected: T, message?: string): asserts actual is T;
        match(value: string, pattern: RegExp, message?: string): void;
        rejects(block: Promise<unknown> | (() => Promise<unknown>), message?: string | RegExp | object): Promise<void>;
        throws(block: () => unknown, message?: string | RegExp | object): void;
    }
    const assert: Assert;
    export default assert;
}
