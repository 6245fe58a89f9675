package io.xborder.bench;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The baseline for the service's start-up and idle memory: a plain JVM that opens a JDBC connection to the same
 * database, runs one query, says "ready" and waits for its standard input to close.
 */
public final class BareJvm {

    private BareJvm() {
    }

    public static void main(String[] args) throws SQLException, IOException {
        try (Connection c = DriverManager.getConnection(args[0], "postgres", "");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select 1")) {
            rs.next();
            System.out.println("ready");
            System.out.flush();
            while (System.in.read() >= 0) {
                // wait until the suite closes our input
            }
        }
    }
}
