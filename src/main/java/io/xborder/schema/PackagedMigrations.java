package io.xborder.schema;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32;

/**
 * The versioned migrations packaged with this build ({@code db/migration/V<version>__<description>.sql}, from
 * {@code migrations/}), with the checksum Flyway computes for each, and whether a database's migration history is
 * exactly these: the same versions and scripts, the same checksums, all applied successfully, nothing else.
 */
public final class PackagedMigrations {

    static final String LOCATION = "db/migration";
    private static final Pattern VERSIONED = Pattern.compile("V([0-9][0-9._]*)__.+\\.sql");

    /** One packaged migration: its version as Flyway stores it, its file name and Flyway's checksum of it. */
    public record Migration(String version, String script, int checksum) {
    }

    private final List<Migration> migrations;

    PackagedMigrations(List<Migration> migrations) {
        this.migrations = migrations.stream().sorted(Comparator.comparing(Migration::script)).toList();
    }

    public List<Migration> all() {
        return migrations;
    }

    /** The migrations under {@value #LOCATION} on the class path (a folder in tests, the application's jar when packaged). */
    public static PackagedMigrations fromClasspath(ClassLoader loader) {
        List<Migration> found = new ArrayList<>();
        try {
            Enumeration<URL> dirs = loader.getResources(LOCATION);
            TreeSet<String> scripts = new TreeSet<>();
            while (dirs.hasMoreElements()) {
                scripts.addAll(fileNames(dirs.nextElement()));
            }
            for (String script : scripts) {
                Matcher m = VERSIONED.matcher(script);
                if (!m.matches()) {
                    continue;
                }
                try (InputStream in = loader.getResourceAsStream(LOCATION + "/" + script)) {
                    if (in == null) {
                        throw new IOException(LOCATION + "/" + script + " is listed but cannot be read");
                    }
                    found.add(new Migration(m.group(1).replace('_', '.'), script, checksum(in)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the packaged migrations", e);
        }
        if (found.isEmpty()) {
            throw new IllegalStateException("No migration found under " + LOCATION + " on the class path");
        }
        return new PackagedMigrations(found);
    }

    private static List<String> fileNames(URL dir) throws IOException {
        switch (dir.getProtocol()) {
            case "file" -> {
                try (Stream<Path> files = Files.list(Path.of(dir.toURI()))) {
                    return files.map(p -> p.getFileName().toString()).toList();
                } catch (URISyntaxException e) {
                    throw new IOException(e);
                }
            }
            case "jar" -> {
                JarURLConnection connection = (JarURLConnection) dir.openConnection();
                connection.setUseCaches(false);
                List<String> names = new ArrayList<>();
                try (JarFile jar = connection.getJarFile()) {
                    for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements();) {
                        String name = e.nextElement().getName();
                        if (name.startsWith(LOCATION + "/") && name.indexOf('/', LOCATION.length() + 1) < 0) {
                            names.add(name.substring(LOCATION.length() + 1));
                        }
                    }
                }
                return names;
            }
            default -> throw new IOException("Cannot list " + dir + " (" + dir.getProtocol() + ")");
        }
    }

    /**
     * Flyway's checksum of a SQL migration: the CRC-32 of its lines as UTF-8, without line ends and without a byte
     * order mark on the first line (so a file checked out with CRLF line ends has the same checksum).
     */
    static int checksum(InputStream in) throws IOException {
        CRC32 crc = new CRC32();
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 4096);
        String line = reader.readLine();
        if (line != null && line.startsWith("\uFEFF")) {
            line = line.substring(1);
        }
        for (; line != null; line = reader.readLine()) {
            crc.update(line.getBytes(StandardCharsets.UTF_8));
        }
        return (int) crc.getValue();
    }

    /** The script's file name: Flyway records it below its location, which Quarkus' Flyway writes out in full. */
    private static String fileName(String script) {
        return script == null ? "" : script.substring(script.lastIndexOf('/') + 1);
    }

    /**
     * Why the database's migration history (Flyway's {@code flyway_schema_history} on the connection's search path)
     * is not exactly these migrations; empty when it is. A missing history table is a difference, not an error.
     */
    public Optional<String> differenceFrom(Connection connection) throws SQLException {
        Map<String, Migration> expected = new LinkedHashMap<>();
        migrations.forEach(m -> expected.put(m.version(), m));
        List<String> differences = new ArrayList<>();
        try (Statement st = connection.createStatement()) {
            try (ResultSet exists = st.executeQuery("SELECT to_regclass('flyway_schema_history') IS NOT NULL")) {
                exists.next();
                if (!exists.getBoolean(1)) {
                    return Optional.of("no migration history (flyway_schema_history) yet");
                }
            }
            try (ResultSet rs = st.executeQuery(
                    "SELECT version, script, checksum, type, success FROM flyway_schema_history ORDER BY installed_rank")) {
                while (rs.next()) {
                    String version = rs.getString("version");
                    String type = rs.getString("type");
                    if ("SCHEMA".equals(type)) {
                        continue; // Flyway's note that it created the schema: no migration
                    }
                    Migration m = version == null ? null : expected.remove(version);
                    int checksum = rs.getInt("checksum");
                    boolean checksumKnown = !rs.wasNull();
                    if (!rs.getBoolean("success")) {
                        differences.add("failed " + type + " " + rs.getString("script"));
                    } else if (m == null) {
                        differences.add("applied but not packaged: " + type + " " + rs.getString("script"));
                    } else if (!"SQL".equals(type) || !m.script().equals(fileName(rs.getString("script")))
                            || !checksumKnown
                            || checksum != m.checksum()) {
                        differences.add("changed: " + m.script() + " (history: " + type + " "
                                + rs.getString("script") + ", checksum " + (checksumKnown ? checksum : "none")
                                + "; packaged: " + m.checksum() + ")");
                    }
                }
            }
        }
        expected.values().forEach(m -> differences.add("pending: " + m.script()));
        return differences.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", differences));
    }
}
