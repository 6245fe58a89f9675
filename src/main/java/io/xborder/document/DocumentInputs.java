package io.xborder.document;

import io.xborder.http.LimitsConfig;
import io.xborder.http.ProblemException;
import io.xborder.http.WireValues;
import io.xborder.text.StoredText;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Checks a document's text and metadata as clients send them (JSON, plain text, multipart fields, fetch requests,
 * feed and job metadata) and turns them into a {@link DocumentInput}; misuse is a 400 (413 for too much text).
 */
@ApplicationScoped
public class DocumentInputs {

    static final int MAX_TITLE = 500;
    public static final int MAX_URL = 2048;

    private final int maxTextChars;

    public DocumentInputs(LimitsConfig limits) {
        this.maxTextChars = limits.maxTextChars();
    }

    /** Checks and normalises a document's text and metadata (400/413 on misuse). */
    public DocumentInput of(String text, DocumentMetadata m) {
        String normalized = WireValues.text("text", normalize(text), maxTextChars);
        String cleanTitle = StoredText.clean(m.title());
        String checkedTitle = cleanTitle == null || cleanTitle.isBlank() ? firstLine(normalized) : cleanTitle.strip();
        if (checkedTitle.length() > MAX_TITLE) {
            throw ProblemException.invalid("title", "must be at most " + MAX_TITLE + " characters");
        }
        return new DocumentInput(StoredText.clean(checkedTitle), normalized, url("sourceUrl", m.sourceUrl()),
                m.language(), m.jurisdiction() == null ? null : m.jurisdiction().code(), m.publishedAt());
    }

    /**
     * Checks what of the metadata does not depend on the text (the source URL; the rest was read with its type), so
     * a request can be refused before its files are read or its URL is fetched.
     */
    public static void check(DocumentMetadata m) {
        url("sourceUrl", m.sourceUrl());
    }

    /** One text form for hashing, offsets and storage: LF line ends, no BOM, {@link StoredText} (no NUL, no lone surrogate). */
    static String normalize(String text) {
        if (text == null) {
            return "";
        }
        String t = StoredText.clean(text).replace("\r\n", "\n").replace('\r', '\n');
        return t.startsWith("\uFEFF") ? t.substring(1) : t;
    }

    private static String firstLine(String text) {
        String line = text.strip().lines().findFirst().orElse("").strip();
        return line.length() > 200 ? line.substring(0, 199) + "…" : line;
    }

    /** An absolute http(s) URL of at most {@link #MAX_URL} characters, or null when blank; else 400 on {@code field}. */
    public static String url(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String u = StoredText.clean(value).strip();
        try {
            URI parsed = new URI(u);
            String scheme = parsed.getScheme() == null ? "" : parsed.getScheme().toLowerCase(Locale.ROOT);
            if (u.length() <= MAX_URL && (scheme.equals("http") || scheme.equals("https"))
                    && parsed.getHost() != null) {
                return u;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw ProblemException.invalid(field, "must be an http or https URL of at most " + MAX_URL + " characters");
    }
}
