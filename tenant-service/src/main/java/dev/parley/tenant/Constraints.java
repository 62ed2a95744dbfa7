package dev.parley.tenant;

import io.r2dbc.postgresql.api.PostgresqlException;
import org.jspecify.annotations.Nullable;

/** Recognises which database constraint refused a write, to answer a client's conflict as such and not as a 500. */
public final class Constraints {

    private Constraints() {}

    /** Whether {@code failure}, or one of its causes, is Postgres refusing a write by {@code constraint}. */
    public static boolean violated(Throwable failure, String constraint) {
        for (@Nullable Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof PostgresqlException postgres
                    && postgres.getErrorDetails()
                            .getConstraintName()
                            .filter(constraint::equals)
                            .isPresent()) {
                return true;
            }
        }
        return false;
    }
}
