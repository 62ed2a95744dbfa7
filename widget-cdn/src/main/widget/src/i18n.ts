// The panel's words in English and German; the browser's language setting picks one.
const en = {
    close: 'Close chat',
    survey: 'Tell us who you are and we will connect you.',
    start: 'Start chat',
    optional: '(optional)',
    required: 'Please fill this in.',
    badEmail: 'Please enter a valid email address.',
    choose: 'Choose…',
    unreachable: 'We could not reach the chat service. Please try again.',
    notHere: 'Chat is not available on this website.',
    connecting: 'Connecting…',
    waiting: 'Connected. Waiting for an answer…',
    reconnecting: 'Reconnecting…',
    queued: (position: number, minutes: number) =>
        `You are number ${position} in the queue` + (minutes > 0 ? `, about ${minutes} min.` : '.'),
    chattingWith: (name: string) => `You are chatting with ${name}.`,
    anAgent: 'an agent',
    typing: (name: string) => `${name} is typing…`,
    theAgent: 'The agent',
    message: 'Your message',
    placeholder: 'Type a message…',
    send: 'Send',
    sent: 'Sent',
    delivered: 'Delivered',
    read: 'Read',
    ended: 'This chat has ended.',
    busy: 'All our agents are busy right now. Please try again later.',
    nobody: 'No one is available right now. You can keep waiting or leave us a message.',
    leaveMessage: 'Leave a message instead',
    newChat: 'Start a new chat',
    endChat: 'End chat',
    offlineTitle: "We're away right now. Leave a message and we'll get back to you by email.",
    yourMessage: 'Message',
    name: 'Name',
    email: 'Email',
    sendMessage: 'Send message',
    offlineThanks: "Thank you! We've got your message and will reply by email.",
    rate: 'How was this chat?',
    stars: (n: number) => `${n} of 5`,
    comment: 'Comment (optional)',
    sendRating: 'Send rating',
    ratingThanks: 'Thanks for your feedback!',
    transcript: 'Email me the transcript',
    transcriptSend: 'Send transcript',
    transcriptThanks: (email: string) => `We will email the transcript to ${email}.`,
};

type Words = typeof en;

const de: Words = {
    close: 'Chat schließen',
    survey: 'Sagen Sie uns, wer Sie sind, und wir verbinden Sie.',
    start: 'Chat starten',
    optional: '(optional)',
    required: 'Bitte ausfüllen.',
    badEmail: 'Bitte eine gültige E-Mail-Adresse eingeben.',
    choose: 'Bitte wählen…',
    unreachable: 'Der Chat ist gerade nicht erreichbar. Bitte versuchen Sie es erneut.',
    notHere: 'Auf dieser Website ist kein Chat verfügbar.',
    connecting: 'Verbinde…',
    waiting: 'Verbunden. Wir antworten gleich…',
    reconnecting: 'Verbindung wird wiederhergestellt…',
    queued: (position: number, minutes: number) =>
        `Sie sind Nummer ${position} in der Warteschlange` + (minutes > 0 ? `, etwa ${minutes} Min.` : '.'),
    chattingWith: (name: string) => `Sie chatten mit ${name}.`,
    anAgent: 'einem Mitarbeiter',
    typing: (name: string) => `${name} schreibt…`,
    theAgent: 'Der Mitarbeiter',
    message: 'Ihre Nachricht',
    placeholder: 'Nachricht schreiben…',
    send: 'Senden',
    sent: 'Gesendet',
    delivered: 'Zugestellt',
    read: 'Gelesen',
    ended: 'Dieser Chat ist beendet.',
    busy: 'Alle Mitarbeiter sind gerade beschäftigt. Bitte versuchen Sie es später.',
    nobody: 'Gerade ist niemand erreichbar. Sie können warten oder uns eine Nachricht hinterlassen.',
    leaveMessage: 'Stattdessen Nachricht hinterlassen',
    newChat: 'Neuen Chat starten',
    endChat: 'Chat beenden',
    offlineTitle: 'Wir sind gerade nicht da. Hinterlassen Sie eine Nachricht, wir antworten per E-Mail.',
    yourMessage: 'Nachricht',
    name: 'Name',
    email: 'E-Mail',
    sendMessage: 'Nachricht senden',
    offlineThanks: 'Danke! Wir haben Ihre Nachricht und antworten per E-Mail.',
    rate: 'Wie war dieser Chat?',
    stars: (n: number) => `${n} von 5`,
    comment: 'Kommentar (optional)',
    sendRating: 'Bewertung senden',
    ratingThanks: 'Danke für Ihr Feedback!',
    transcript: 'Verlauf per E-Mail senden',
    transcriptSend: 'Verlauf senden',
    transcriptThanks: (email: string) => `Wir senden den Verlauf an ${email}.`,
};

/** The first of the browser's languages we speak; English otherwise. */
export function words(languages: readonly string[] = navigator.languages || [navigator.language]): {
    lang: string;
    t: Words;
} {
    for (const language of languages) {
        const base = String(language).toLowerCase().slice(0, 2);
        if (base === 'de') return { lang: 'de', t: de };
        if (base === 'en') return { lang: 'en', t: en };
    }
    return { lang: 'en', t: en };
}
