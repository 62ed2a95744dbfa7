package dev.parley.contracts.chat;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;

/** Who did something in a conversation. */
public enum ParticipantKind {
    VISITOR,
    AGENT,
    /** Parley itself: automatic greetings, timeouts, queue messages. */
    SYSTEM,
    /** A value added by a newer writer than this reader; read instead of failing the whole event. */
    @JsonEnumDefaultValue
    UNKNOWN
}
