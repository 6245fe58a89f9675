package io.xborder.document;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.commons.codec.digest.DigestUtils;

/**
 * Boilerplate learnt per source: a line seen in at least {@code xborder.boilerplate.repeated-line-documents} earlier
 * documents from the same host (the host of the source URL) is dropped from the next ones, so that a site's
 * bylines, footers and share prompts never become passages even when no data file lists them.
 */
@ApplicationScoped
public class RepeatedLines {

    /** Longer lines are content, whatever their repetition. */
    static final int MAX_LINE = 300;

    private final AgroalDataSource dataSource;
    private final int threshold;

    public RepeatedLines(AgroalDataSource dataSource, BoilerplateConfig config) {
        this.dataSource = dataSource;
        this.threshold = config.repeatedLineDocuments();
    }

    /** The lines to drop for a document from this source URL (none without a URL or with the feature off). */
    public Predicate<String> boilerplateOf(String sourceUrl) {
        String source = source(sourceUrl);
        if (source == null || threshold <= 0) {
            return line -> false;
        }
        Set<Long> repeated = new HashSet<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT line_hash FROM source_lines WHERE source = ? AND documents >= ?")) {
            ps.setString(1, source);
            ps.setInt(2, threshold);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    repeated.add(rs.getLong(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the repeated lines of " + source, e);
        }
        if (repeated.isEmpty()) {
            return line -> false;
        }
        return line -> line.length() <= MAX_LINE && repeated.contains(hash(line));
    }

    /** Counts this document's distinct short lines for its source; runs in the caller's transaction. */
    public void record(String sourceUrl, String text) {
        String source = source(sourceUrl);
        if (source == null || threshold <= 0) {
            return;
        }
        Set<Long> lines = new HashSet<>();
        text.lines().map(String::strip).filter(l -> !l.isEmpty() && l.length() <= MAX_LINE)
                .forEach(l -> lines.add(hash(l)));
        if (lines.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("INSERT INTO source_lines (source, line_hash) VALUES (?, ?) "
                        + "ON CONFLICT (source, line_hash) DO UPDATE SET documents = source_lines.documents + 1")) {
            // sorted: concurrent documents of one source lock the rows in the same order
            for (long h : lines.stream().sorted().toList()) {
                ps.setString(1, source);
                ps.setLong(2, h);
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot record the lines of a document from " + source, e);
        }
    }

    static String source(String sourceUrl) {
        if (sourceUrl == null || sourceUrl.isBlank()) {
            return null;
        }
        try {
            String host = URI.create(sourceUrl.strip()).getHost();
            if (host == null) {
                return null;
            }
            host = host.toLowerCase(Locale.ROOT);
            return host.startsWith("www.") ? host.substring(4) : host;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** 64 bits of SHA-256 of the line, whitespace collapsed and lower-cased. */
    static long hash(String line) {
        String normal = line.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
        return ByteBuffer.wrap(DigestUtils.sha256(normal)).getLong();
    }
}
