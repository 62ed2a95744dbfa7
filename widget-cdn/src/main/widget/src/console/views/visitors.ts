// Visitors on the site now: where they are, how long, and an invitation to chat.
import type { App } from '../app';
import { fill, h, pathOf } from '../dom';

export function renderVisitors(app: App) {
    const { state } = app;
    fill(
        app.main,
        h('h2', null, 'Visitors on the site'),
        h(
            'table.grid',
            null,
            h('thead', null, h('tr', null, ['Visitor', 'Page', 'On site', 'Page views', ''].map((t) => h('th', null, t)))),
            h(
                'tbody',
                null,
                state.live.map((v) =>
                    h(
                        'tr',
                        { dataset: { visitor: v.visitorId } },
                        h('td', null, v.name || v.email || 'Visitor ' + String(v.visitorId).slice(0, 6)),
                        h('td', { title: v.currentUrl || '' }, v.currentTitle || pathOf(v.currentUrl || '')),
                        h('td', { dataset: { since: String(Date.parse(v.firstSeenAt)) } }),
                        h('td', null, String(v.pageViews)),
                        h(
                            'td',
                            null,
                            v.chatting
                                ? 'chatting'
                                : h(
                                      'button.invite',
                                      {
                                          onclick: async () => {
                                              const message = prompt('Invitation message:', 'Hi! Can I help you with anything?');
                                              if (!message) return;
                                              await app.api('POST', `/api/session/visitors/${v.visitorId}/invitations`, { message }).then(
                                                  () => app.toast('Invitation sent'),
                                                  (e: Error) => app.toast(e.message),
                                              );
                                          },
                                      },
                                      'Invite to chat',
                                  ),
                        ),
                    ),
                ),
            ),
        ),
    );
}

