// One chat: its head (department, mood, invite, transfer, close), the messages (text only), the
// typing line and the composer with private notes, whispers and `/shortcut` + Tab.
import type { App } from '../app';
import { expandCanned } from '../canned';
import { fill, h } from '../dom';
import { supervises, type Chat } from '../state';

export function moodView(mood: Chat['mood']) {
    if (!mood) return h('span.mood.neutral', { title: 'mood' }, 'Mood: —');
    const max = 10;
    return h(
        'span.mood.' + mood.label,
        { title: 'mood ' + mood.mood, dataset: { label: mood.label } },
        'Mood: ' + mood.label,
        h(
            'span.trend',
            { 'aria-hidden': 'true' },
            mood.trend.map((score) =>
                h('i', { style: `height:${4 + Math.round((Math.abs(score) / max) * 14)}px`, class: score < 0 ? 'neg' : score > 0 ? 'pos' : '' }),
            ),
        ),
    );
}

export function renderChat(app: App, chat: Chat) {
    const { state } = app;
    const previous = document.querySelector('.composer textarea') as HTMLTextAreaElement | null;
    const draft = previous && previous.dataset.conversation === chat.id ? previous.value : '';
    const hadFocus = previous && document.activeElement === previous;
    const lastVisitorVisible = [...chat.messages].reverse().find((m) => !m.agentsOnly && m.senderId === state.me!.id);
    const box = h('textarea', {
        'aria-label': chat.observing ? 'Whisper to the agent' : 'Message',
        placeholder: chat.observing ? 'Whisper to the agent (the visitor never sees it)…' : state.noteMode ? 'Private note (the visitor never sees it)…' : 'Reply… (/ for canned responses)',
        dataset: { conversation: chat.id },
    });
    box.value = draft;
    box.addEventListener('input', () => {
        if (chat.observing || chat.kind !== 'visitor' || state.noteMode) return;
        // Kept on the chat, not in this render: a redraw must not make it say "typing" again.
        if (!chat.typingSent) app.send({ type: 'typing', conversationId: chat.id, typing: true });
        chat.typingSent = true;
        clearTimeout(chat.typingTimer);
        chat.typingTimer = window.setTimeout(() => {
            chat.typingSent = false;
            app.send({ type: 'typing', conversationId: chat.id, typing: false });
        }, 3000);
    });
    box.addEventListener('keydown', (event) => {
        const expanded =
            event.key === 'Tab' && !event.shiftKey
                ? expandCanned(box.value, box.selectionStart, state.canned, {
                      visitor: chat.kind === 'visitor' ? chat.title : '',
                      agent: state.me!.name,
                  })
                : null;
        if (expanded) {
            event.preventDefault();
            box.value = expanded.value;
            box.selectionStart = box.selectionEnd = expanded.caret;
        } else if (event.key === 'Enter' && !event.shiftKey) {
            event.preventDefault();
            const text = box.value.trim();
            if (!text || chat.closed) return;
            box.value = '';
            app.sendMessage(chat, text, chat.kind === 'visitor' && (chat.observing || state.noteMode));
            if (chat.typingSent) app.send({ type: 'typing', conversationId: chat.id, typing: false });
            chat.typingSent = false;
            clearTimeout(chat.typingTimer);
        }
    });
    const departmentName = chat.departmentId ? (state.departments.get(chat.departmentId) || { name: '' }).name : '';
    const owns = chat.kind === 'visitor' && !chat.observing && !chat.joined && !chat.closed;
    const invite =
        chat.kind === 'visitor' && !chat.closed && (owns || supervises(state))
            ? h(
                  'select#invite',
                  {
                      'aria-label': 'Invite an agent',
                      onchange: (event: Event) => {
                          const select = event.target as HTMLSelectElement;
                          const agentId = select.value;
                          select.value = '';
                          if (!agentId) return;
                          app.api('POST', `/api/session/conversations/${chat.id}/participants`, { agentId }).then(
                              () => app.toast('Invited ' + (state.users.get(agentId) || { name: 'the agent' }).name),
                              (e: Error) => app.toast(e.message),
                          );
                      },
                  },
                  h('option', { value: '' }, 'Invite an agent…'),
                  [...state.users.entries()]
                      .filter(([id, u]) => id !== state.me!.id && id !== chat.agentId && u.roles.some((r) => r.toLowerCase() === 'agent'))
                      .map(([id, u]) => h('option', { value: id }, u.name)),
              )
            : null;
    const transfer =
        owns
            ? h(
                  'select#transfer',
                  {
                      'aria-label': 'Transfer',
                      onchange: (event: Event) => {
                          const value = (event.target as HTMLSelectElement).value;
                          if (!value) return;
                          app.send(
                              value.startsWith('dept:')
                                  ? { type: 'conversation.transfer', conversationId: chat.id, toDepartmentId: value.slice(5) }
                                  : { type: 'conversation.transfer', conversationId: chat.id, toAgentId: value },
                          );
                      },
                  },
                  h('option', { value: '' }, 'Transfer to…'),
                  [...state.departments.entries()].map(([id, d]) => h('option', { value: 'dept:' + id }, 'Department: ' + d.name)),
                  [...state.users.entries()]
                      .filter(([id, u]) => id !== state.me!.id && u.roles.some((r) => r.toLowerCase() === 'agent'))
                      .map(([id, u]) => h('option', { value: id }, 'Agent: ' + u.name + ' (' + u.departmentIds.map((d) => (state.departments.get(d) || { name: '' }).name).join(', ') + ')')),
              )
            : null;
    const closeChat =
        owns
            ? h(
                  'button.close',
                  {
                      onclick: () => {
                          const note = prompt('Wrap-up note (only agents see it):', '');
                          if (note === null) return;
                          if (note.trim()) app.sendMessage(chat, 'Wrap-up: ' + note.trim(), true);
                          app.send({ type: 'conversation.close', conversationId: chat.id });
                      },
                  },
                  'Close chat',
              )
            : null;
    const log = h(
        'ol.messages',
        { role: 'log', 'aria-live': 'polite' },
        chat.messages.map((m) =>
            h(
                'li.msg.' + (m.agentsOnly ? 'agents' : m.kind) + (m.senderId === state.me!.id ? '.mine' : ''),
                { dataset: { seq: String(m.seq) } },
                h('span.who', null, m.name || m.kind, m.agentsOnly ? h('span.hidden', null, chat.kind === 'visitor' ? ' · whisper / note, not visible to the visitor' : '') : null),
                h('span.text', null, m.text),
                m === lastVisitorVisible && chat.kind === 'visitor' ? h('span.mark', null, chat.visitorRead >= m.seq ? 'Read' : 'Sent') : null,
            ),
        ),
    );
    fill(
        app.main,
        h(
            'section.chat',
            { 'aria-label': 'Chat with ' + chat.title, dataset: { conversation: chat.id } },
            h(
                'div.chathead',
                null,
                h('h2', null, chat.title),
                departmentName ? h('span.dept', null, departmentName) : null,
                chat.kind === 'visitor' ? moodView(chat.mood) : h('span.tag', null, 'internal — visitors never see this'),
                h('span.spacer'),
                invite,
                transfer,
                closeChat,
            ),
            chat.observing
                ? h(
                      'p.observing',
                      null,
                      'You are observing silently. What you write is a whisper to the agent. ',
                      chat.closed ? null : h('button.join', { onclick: () => app.join(chat.id) }, 'Join the chat'),
                  )
                : null,
            log,
            h('div.typing', { 'aria-live': 'polite' }, chat.typing),
            chat.closed
                ? h('p.closed', null, 'This chat is closed.')
                : h(
                      'div.composer' + (chat.observing || state.noteMode ? '.note' : ''),
                      null,
                      chat.kind === 'visitor' && !chat.observing
                          ? h(
                                'label.notemode',
                                null,
                                h('input', {
                                    type: 'checkbox',
                                    checked: state.noteMode,
                                    onchange: (event: Event) => {
                                        state.noteMode = (event.target as HTMLInputElement).checked;
                                        app.render();
                                    },
                                }),
                                ' Private note',
                            )
                          : null,
                      box,
                  ),
            chat.earlier && chat.earlier.length
                ? h(
                      'aside.earlier',
                      null,
                      h('h3', null, 'Earlier chats'),
                      h('ul', null, chat.earlier.map((c) => h('li', null, new Date(c.startedAt || c.createdAt).toLocaleString() + ' — ' + (c.firstMessage || c.state)))),
                  )
                : null,
        ),
    );
    log.scrollTop = log.scrollHeight;
    if (hadFocus) {
        box.focus();
        box.selectionStart = box.selectionEnd = box.value.length;
    }
}

