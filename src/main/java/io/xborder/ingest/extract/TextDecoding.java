package io.xborder.ingest.extract;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.tika.parser.txt.CharsetDetector;
import org.apache.tika.parser.txt.CharsetMatch;

/** Finds the character set of text and HTML bytes: byte-order mark, declarations, UTF-8 validity, detection. */
final class TextDecoding {

    /** The bytes a charset applies to start at {@code offset} (after a byte-order mark). */
    record Decision(Charset charset, int offset) {

        String decode(byte[] content) {
            return new String(content, offset, content.length - offset, charset);
        }
    }

    static final Charset GB18030 = Charset.forName("GB18030");
    static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    /** The detector reads this much; more only costs time. */
    private static final int DETECTION_SAMPLE = 64 * 1024;
    /** Where a {@code <meta>} charset is looked for; WHATWG says 1024 bytes, pages in the wild put it later. */
    private static final int META_PRESCAN = 4096;
    private static final Pattern META_CHARSET = Pattern.compile(
            "<meta\\s[^>]*?charset\\s*=\\s*[\"']?\\s*([A-Za-z0-9_:.+-]+)", Pattern.CASE_INSENSITIVE);

    /*
     * Labels decoded by a superset, as browsers do (WHATWG Encoding): GB2312 and GBK pages routinely contain
     * GB18030-only characters, and "ISO-8859-1" pages contain windows-1252 quotes and dashes.
     */
    private static final Map<String, Charset> SUPERSETS = Map.ofEntries(
            Map.entry("gb2312", GB18030), Map.entry("gbk", GB18030), Map.entry("x-gbk", GB18030),
            Map.entry("cp936", GB18030), Map.entry("ms936", GB18030), Map.entry("windows-936", GB18030),
            Map.entry("csgb2312", GB18030), Map.entry("chinese", GB18030), Map.entry("iso-ir-58", GB18030),
            Map.entry("gb18030", GB18030), Map.entry("euc-cn", GB18030),
            Map.entry("iso-8859-1", WINDOWS_1252), Map.entry("iso8859-1", WINDOWS_1252),
            Map.entry("latin1", WINDOWS_1252), Map.entry("l1", WINDOWS_1252), Map.entry("us-ascii", WINDOWS_1252),
            Map.entry("ascii", WINDOWS_1252), Map.entry("cp1252", WINDOWS_1252));

    private TextDecoding() {
    }

    /** Plain text: byte-order mark, valid UTF-8, else detection with the declared charset as a tie-breaker. */
    static Decision forText(byte[] content, String declaredCharset) {
        Decision bom = byteOrderMark(content);
        if (bom != null) {
            return bom;
        }
        if (isUtf8(content)) {
            return new Decision(StandardCharsets.UTF_8, 0);
        }
        return new Decision(detect(content, declaredCharset, false), 0);
    }

    /** HTML: byte-order mark, {@code <meta>} charset, the HTTP charset, valid UTF-8, else detection. */
    static Decision forHtml(byte[] content, String httpCharset) {
        Decision bom = byteOrderMark(content);
        if (bom != null) {
            return bom;
        }
        for (String declared : new String[] { metaCharset(content), httpCharset }) {
            Optional<Charset> charset = forLabel(declared);
            // A UTF-8 declaration on bytes that are not UTF-8 is a known site error; detection does better.
            if (charset.isPresent() && (!charset.get().equals(StandardCharsets.UTF_8) || isUtf8(content))) {
                return new Decision(charset.get(), 0);
            }
        }
        if (isUtf8(content)) {
            return new Decision(StandardCharsets.UTF_8, 0);
        }
        return new Decision(detect(content, httpCharset, true), 0);
    }

    static Decision byteOrderMark(byte[] b) {
        if (b.length >= 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB && (b[2] & 0xFF) == 0xBF) {
            return new Decision(StandardCharsets.UTF_8, 3);
        }
        if (b.length >= 2 && (b[0] & 0xFF) == 0xFE && (b[1] & 0xFF) == 0xFF) {
            return new Decision(StandardCharsets.UTF_16BE, 2);
        }
        if (b.length >= 2 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xFE) {
            return new Decision(StandardCharsets.UTF_16LE, 2);
        }
        return null;
    }

    static boolean isUtf8(byte[] content) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            decoder.decode(ByteBuffer.wrap(content));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /** The charset of a {@code <meta charset>} or {@code <meta http-equiv="Content-Type">} near the top, or null. */
    static String metaCharset(byte[] content) {
        String head = new String(content, 0, Math.min(content.length, META_PRESCAN), StandardCharsets.ISO_8859_1);
        Matcher m = META_CHARSET.matcher(head);
        return m.find() ? m.group(1) : null;
    }

    /** A Java charset for a label, widened to the superset browsers use; empty for unknown or missing labels. */
    static Optional<Charset> forLabel(String label) {
        if (label == null || label.isBlank()) {
            return Optional.empty();
        }
        String key = label.trim().toLowerCase(Locale.ROOT);
        Charset superset = SUPERSETS.get(key);
        if (superset != null) {
            return Optional.of(superset);
        }
        try {
            return Optional.of(Charset.forName(key));
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            return Optional.empty();
        }
    }

    /** ICU-style statistical detection; windows-1252 when nothing usable is found. */
    static Charset detect(byte[] content, String declaredCharset, boolean stripMarkup) {
        CharsetMatch[] matches = matches(content, declaredCharset, stripMarkup);
        for (CharsetMatch match : matches) {
            Optional<Charset> charset = forLabel(match.getName());
            if (charset.isPresent()) {
                return charset.get();
            }
        }
        return WINDOWS_1252;
    }

    /** Best detector confidence (0-100) that the bytes are text in some charset. */
    static int textConfidence(byte[] content) {
        CharsetMatch[] matches = matches(content, null, false);
        return matches.length == 0 ? 0 : matches[0].getConfidence();
    }

    private static CharsetMatch[] matches(byte[] content, String declaredCharset, boolean stripMarkup) {
        byte[] sample = content.length <= DETECTION_SAMPLE ? content : Arrays.copyOf(content, DETECTION_SAMPLE);
        CharsetDetector detector = new CharsetDetector(); // not thread-safe: one per call
        detector.enableInputFilter(stripMarkup);
        if (declaredCharset != null && !declaredCharset.isBlank()) {
            detector.setDeclaredEncoding(declaredCharset);
        }
        detector.setText(sample);
        CharsetMatch[] all = detector.detectAll();
        return all == null ? new CharsetMatch[0] : all;
    }
}
