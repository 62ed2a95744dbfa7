package dev.parley.contracts.chat;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;

/** Who may see a message. */
public enum Visibility {
    /** The visitor and the agents. */
    ALL,
    /** Whispers and internal notes: never delivered to a visitor. */
    AGENTS,
    /**
     * A value added by a newer writer than this reader. Treat it as at least as restricted as {@link
     * #AGENTS}: showing a visitor what was not meant for them is the failure to avoid.
     */
    @JsonEnumDefaultValue
    UNKNOWN
}
