// The socket frames the widget and the console actually use (docs/protocol.md has them all).
// Frames come from the server as JSON: every field past `type` may be missing, so each is
// optional and read defensively; only the shapes are promised here, not their presence.

export interface Person {
    kind?: 'visitor' | 'agent' | 'system' | string;
    id?: string;
    name?: string;
}

/** A queue entry as routing sends it (`queue` frames and `GET /api/routing/queues`). */
export interface QueueItem {
    conversationId: string;
    visitorName?: string;
    waitingSince: string;
    position?: number;
    answers?: Record<string, string>;
    pageUrl?: string;
}

export interface MessageFrame {
    type: 'message';
    conversationId?: string;
    seq: number;
    messageId?: string;
    clientMsgId?: string;
    sender?: Person;
    visibility?: 'all' | 'agents';
    text?: string;
    postedAt?: string;
}

export type ServerFrame =
    | MessageFrame
    | { type: 'typing'; conversationId?: string; sender?: Person; typing?: boolean }
    | { type: 'receipt'; conversationId?: string; by?: 'visitor' | 'agent'; delivered?: number; read?: number }
    | { type: 'conversation.queued'; conversationId?: string; position?: number; estimatedWaitSeconds?: number }
    | { type: 'conversation.assigned'; conversationId: string; agent?: Person }
    | { type: 'conversation.unavailable'; conversationId?: string; reason?: string }
    | { type: 'conversation.closed'; conversationId: string; closedBy?: string }
    | { type: 'conversation.invited'; conversationId: string; visitorName?: string; by?: Person }
    | { type: 'invitation'; conversationId?: undefined; id?: string; message?: string; agent?: Person }
    | { type: 'internal.message'; conversationId: string; seq?: number; sender?: Person; text?: string }
    | { type: 'queue'; conversationId?: undefined; departmentId: string; entries?: QueueItem[] }
    | { type: 'offer'; conversationId: string; departmentId: string; visitorName?: string; expiresAt: string }
    | { type: 'offer.revoked'; conversationId: string; reason?: string }
    | { type: 'mood'; conversationId: string; mood: number; label: string; trend?: number[] }
    | {
          type: 'mood.alert';
          conversationId: string;
          visitorName?: string;
          agentId?: string | null;
          departmentId?: string;
          label?: string;
          text?: string;
      }
    | { type: 'error'; conversationId?: undefined; code: string; message?: string; ref?: { type?: string; clientMsgId?: string; conversationId?: string } }
    | { type: 'welcome' | 'pong'; conversationId?: undefined };

export interface MessageSend {
    type: 'message.send';
    conversationId: string;
    clientMsgId: string;
    text: string;
    visibility?: 'all' | 'agents';
}

export type ClientFrame =
    | { type: 'resume'; conversations: Record<string, number> }
    | { type: 'ping' }
    | MessageSend
    | { type: 'typing'; conversationId: string; typing: boolean }
    | { type: 'receipt'; conversationId: string; delivered?: number; read?: number }
    | { type: 'conversation.close'; conversationId: string }
    | { type: 'presence.set'; status: 'online' | 'away' | 'offline' }
    | { type: 'offer.accept'; conversationId: string }
    | { type: 'conversation.transfer'; conversationId: string; toAgentId?: string; toDepartmentId?: string };
