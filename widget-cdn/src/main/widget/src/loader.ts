// The snippet's target. Tiny on purpose: reads the snippet's settings, keeps the `Parley(...)`
// queue, and injects the launcher (its content-hashed name is put in at build time) once the
// page has loaded, so that the widget never delays the host page's load event beyond this file.
import type { ParleyGlobal, WidgetConfig } from './shared';

declare const LAUNCHER_FILE: string;

(function (w: Window & { Parley?: ParleyGlobal }, d: Document) {
    const script = (d.currentScript || d.querySelector('script[data-site-key]')) as HTMLScriptElement | null;
    if (!script) return;
    const data = script.dataset;
    const src = script.src;
    const stub: ParleyGlobal =
        w.Parley ||
        function () {
            // eslint-disable-next-line prefer-rest-params
            (stub.q = stub.q || []).push(arguments as never);
        };
    w.Parley = stub;
    if (stub.c) return; // loaded twice: the first copy owns the page
    const config: WidgetConfig = {
        siteKey: data.siteKey || '',
        gateway: (data.gateway || new URL(src).origin).replace(/\/$/, ''),
        base: src.slice(0, src.lastIndexOf('/') + 1),
        label: data.label,
        color: data.color,
        position: data.position === 'left' ? 'left' : data.position === 'right' ? 'right' : undefined,
    };
    stub.c = config;
    const inject = () => {
        const launcher = d.createElement('script');
        launcher.async = true;
        launcher.src = config.base + LAUNCHER_FILE;
        launcher.crossOrigin = 'anonymous';
        d.head.appendChild(launcher);
    };
    if (d.readyState === 'complete') inject();
    else w.addEventListener('load', inject);
})(window, document);
