package io.xborder.http;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;

/**
 * Recognises failures that mean "the database cannot be reached right now" (connection refused or lost, pool
 * acquisition timed out, server shutting down) as opposed to bugs: the former are answered with 503 and the
 * service recovers by itself when the database returns.
 */
public final class DatabaseOutage {

    private DatabaseOutage() {
    }

    public static boolean isCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException
                    || t instanceof ConnectException
                    || t.getClass().getName().equals("org.hibernate.exception.JDBCConnectionException")) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getMessage() != null
                    && sql.getMessage().contains("Acquisition timeout")) {
                return true;
            }
        }
        return false;
    }

    public static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
