// The console's stylesheet: one screen, system fonts, readable at a glance.
export const STYLE = `
*{box-sizing:border-box}
body{margin:0;font:14px/1.45 system-ui,sans-serif;color:#111827;background:#f3f4f6}
button,select,input,textarea{font:inherit}
button{cursor:pointer}
:focus-visible{outline:2px solid #1d4ed8;outline-offset:1px}
.login{max-width:340px;margin:12vh auto;background:#fff;padding:28px;border-radius:10px;box-shadow:0 4px 20px rgba(0,0,0,.08);display:flex;flex-direction:column;gap:12px}
.login label{display:flex;flex-direction:column;gap:4px}
.login input{padding:8px;border:1px solid #9ca3af;border-radius:6px}
.primary,.accept,.pickup,.open,.invite,.join{background:#1d4ed8;color:#fff;border:0;border-radius:6px;padding:6px 10px}
.error{color:#b91c1c;min-height:1em;margin:0}
.app{height:100vh;display:flex;flex-direction:column}
header{display:flex;align-items:center;gap:14px;padding:8px 16px;background:#111827;color:#fff}
header b{font-size:17px}
.views{display:flex;gap:4px}
.view{background:none;border:0;color:#d1d5db;padding:6px 10px;border-radius:6px}
.view[aria-selected=true]{background:#374151;color:#fff}
.conn{color:#fbbf24;margin-left:auto}
.status select{margin-left:4px}
.link{background:none;border:0;color:#93c5fd}
.body{flex:1;display:flex;min-height:0}
.side{width:300px;overflow-y:auto;background:#fff;border-right:1px solid #e5e7eb;padding:8px 12px}
.side h2{font-size:12px;text-transform:uppercase;letter-spacing:.05em;color:#6b7280;margin:14px 0 6px}
.queue,.tabs,.offline,.queues,.invites{list-style:none;margin:0;padding:0}
.entry{display:flex;flex-wrap:wrap;gap:4px 8px;align-items:center;padding:8px;border:1px solid #e5e7eb;border-radius:8px;margin-bottom:6px}
.entry b{flex:1}
.wait{font-variant-numeric:tabular-nums;color:#b45309;font-weight:600}
.dept,.page,.answers{font-size:12px;color:#6b7280;width:100%}
.tab{width:100%;text-align:left;background:none;border:0;border-radius:6px;padding:7px 8px;display:flex;gap:6px;align-items:center}
.tab[aria-selected=true]{background:#e0e7ff}
.unread{margin-left:auto;background:#dc2626;color:#fff;border-radius:9px;padding:0 6px;font-size:12px}
.tag{font-size:11px;color:#6b7280;border:1px solid #d1d5db;border-radius:4px;padding:0 4px}
.mood-dot{width:9px;height:9px;border-radius:50%;background:#9ca3af}
.mood-dot.negative{background:#dc2626}.mood-dot.positive{background:#16a34a}
main{flex:1;display:flex;flex-direction:column;min-width:0;padding:12px 16px;overflow:auto}
.empty{color:#6b7280;margin:auto}
.chat{display:flex;flex-direction:column;height:100%;min-height:0}
.chathead{display:flex;align-items:center;gap:10px;flex-wrap:wrap;padding-bottom:8px;border-bottom:1px solid #e5e7eb}
.chathead h2{margin:0;font-size:18px}
.spacer{flex:1}
.mood{display:inline-flex;align-items:center;gap:6px;font-weight:600;border-radius:12px;padding:2px 10px;background:#e5e7eb}
.mood.negative{background:#fee2e2;color:#991b1b}.mood.positive{background:#dcfce7;color:#166534}
.trend{display:inline-flex;align-items:flex-end;gap:2px;height:18px}
.trend i{display:inline-block;width:4px;background:#9ca3af}.trend i.neg{background:#dc2626}.trend i.pos{background:#16a34a}
.observing{background:#fef3c7;padding:6px 10px;border-radius:6px;margin:8px 0 0}
.messages{flex:1;overflow-y:auto;list-style:none;margin:0;padding:10px 0;display:flex;flex-direction:column;gap:6px}
.msg{max-width:70%;padding:7px 10px;border-radius:10px;background:#fff;border:1px solid #e5e7eb;display:flex;flex-direction:column}
.msg.mine{align-self:flex-end;background:#dbeafe}
.msg.agents{align-self:flex-end;background:#fef9c3;border:1px dashed #ca8a04}
.msg.system{align-self:center;background:none;border:0;color:#6b7280;font-size:12px}
.who{font-size:11px;color:#6b7280}
.hidden{color:#a16207;font-weight:600}
.text{white-space:pre-wrap;word-wrap:break-word}
.mark{font-size:11px;color:#6b7280;align-self:flex-end}
.typing{height:18px;font-size:12px;color:#6b7280}
.composer{display:flex;flex-direction:column;gap:4px}
.composer textarea{height:64px;resize:vertical;padding:8px;border:1px solid #9ca3af;border-radius:8px}
.composer.note textarea{background:#fefce8;border-color:#ca8a04}
.notemode{font-size:12px;color:#6b7280}
.close{background:#fff;border:1px solid #d1d5db;border-radius:6px;padding:5px 10px}
.earlier{font-size:12px;color:#6b7280;border-top:1px solid #e5e7eb;margin-top:8px}
.earlier h3{font-size:12px;margin:6px 0}
.grid{border-collapse:collapse;width:100%;background:#fff}
.grid th,.grid td{padding:7px 10px;border-bottom:1px solid #e5e7eb;text-align:left}
.alerts .alert{background:#fee2e2;color:#991b1b;padding:8px 12px;border-radius:6px;margin:0 0 6px}
.offline li{background:#fff;border:1px solid #e5e7eb;border-radius:8px;padding:10px;margin-bottom:8px}
.offline li.handled{opacity:.6}
.when{margin-left:8px;color:#6b7280;font-size:12px}
.toast{position:fixed;bottom:16px;right:16px;background:#111827;color:#fff;padding:10px 14px;border-radius:8px}
.link.dark{color:#1d4ed8}
.screens{display:flex;gap:4px;border-bottom:1px solid #e5e7eb;margin-bottom:12px}
.screen{background:none;border:0;border-bottom:2px solid transparent;padding:6px 10px;color:#374151}
.screen[aria-selected=true]{border-bottom-color:#1d4ed8;color:#111827;font-weight:600}
.offers{display:flex;gap:12px;flex-wrap:wrap;margin:12px 0}.offer{border:1px solid #e5e7eb;border-radius:8px;padding:12px 16px;flex:1;min-width:200px}.offer .price{font-weight:600}
.lookgrid{display:flex;gap:24px;align-items:flex-start;flex-wrap:wrap}
.preview{width:300px;padding:12px;background:#f3f4f6;border-radius:8px}
.previewpanel{background:#fff;border-radius:8px;padding:10px;margin-bottom:10px;box-shadow:0 2px 8px rgba(0,0,0,.15)}
.previewlauncher{display:inline-flex;gap:8px;align-items:center;color:#fff;border-radius:24px;padding:10px 16px;font-weight:600}
.previewlauncher img{width:22px;height:22px;border-radius:50%}
.department{border:1px solid #e5e7eb;border-radius:8px;padding:10px;margin:10px 0;display:flex;flex-wrap:wrap;gap:8px;align-items:end}
.department fieldset{display:flex;flex-wrap:wrap;gap:6px;border:1px solid #e5e7eb}
.cannedform{display:flex;flex-direction:column;gap:8px;max-width:520px;margin-top:16px}
.cannedform label{display:flex;flex-direction:column;gap:4px}
.cannedform input,.cannedform textarea{padding:7px;border:1px solid #9ca3af;border-radius:6px}
.choices{display:flex;flex-wrap:wrap;gap:4px 14px}.choices label{flex-direction:row;gap:4px}
.cannedform .choices input{padding:0}.confirm{background:#fef2f2;border:1px solid #fca5a5;border-radius:8px;padding:10px 14px;margin-top:12px}
.danger{background:#b91c1c}.seats{color:#374151}tr[data-status=deactivated]{color:#9ca3af}
.help{border:0;border-radius:10px;padding:20px;box-shadow:0 10px 40px rgba(0,0,0,.3)}
.help th{text-align:left;padding:4px 16px 4px 0;white-space:nowrap}
@media (max-width:800px){.side{width:220px}}
.banner{background:#fef3c7;color:#78350f;padding:6px 16px;display:flex;gap:10px;align-items:center}
.banner.expired{background:#fee2e2;color:#7f1d1d}
.banner .link{color:#1d4ed8}
.onboarding{max-width:720px;display:flex;flex-direction:column;gap:8px}
.onboarding form{display:flex;gap:8px;flex-wrap:wrap;align-items:center}
.onboarding input{flex:1;min-width:260px;padding:8px;border:1px solid #9ca3af;border-radius:6px}
.onboarding input[aria-invalid=true]{border-color:#b91c1c}
.snippet{background:#111827;color:#e5e7eb;padding:12px;border-radius:8px;white-space:pre-wrap;word-break:break-all;font-size:12px}
`;
