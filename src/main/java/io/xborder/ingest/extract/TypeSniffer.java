package io.xborder.ingest.extract;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.tika.config.TikaConfig;
import org.apache.tika.detect.Detector;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MediaTypeRegistry;

/**
 * The media type of some bytes, sniffed with Tika's detectors (magic bytes, then container inspection of ZIP and
 * OLE2 files). The caller's media type and file name are hints: they only pick a more specific type that the bytes
 * are consistent with ("x.docx" on a damaged ZIP, "x.txt" on legacy-encoded text), never override what the bytes
 * say. Thread-safe.
 */
final class TypeSniffer {

    /** The detector must see legacy-encoded text as text at least this sure (ICU confidence, 0-100). */
    private static final int MIN_TEXT_CONFIDENCE = 30;
    private static final int CONTROL_SAMPLE = 8192;

    private final Detector detector;
    private final MediaTypeRegistry registry;

    TypeSniffer(TikaConfig config) {
        this.detector = config.getDetector();
        this.registry = config.getMediaTypeRegistry();
    }

    MediaTypeRegistry registry() {
        return registry;
    }

    MediaType sniff(byte[] content, MediaType typeHint, String fileNameHint) {
        Metadata metadata = new Metadata();
        if (fileNameHint != null && !fileNameHint.isBlank()) {
            metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, fileNameHint);
        }
        if (typeHint != null) {
            metadata.set(Metadata.CONTENT_TYPE, typeHint.getBaseType().toString());
        }
        MediaType type;
        try (TikaInputStream in = TikaInputStream.get(content)) {
            type = detector.detect(in, metadata).getBaseType();
        } catch (IOException e) {
            throw new UncheckedIOException("type detection on an in-memory stream failed", e);
        }
        // Tika only calls mostly-ASCII or UTF-8 bytes text; GB18030 or windows-1252 text comes out as octet-stream.
        if (type.equals(MediaType.OCTET_STREAM) && looksLikeLegacyText(content)) {
            return MediaType.TEXT_PLAIN;
        }
        return type;
    }

    static boolean looksLikeLegacyText(byte[] content) {
        int n = Math.min(content.length, CONTROL_SAMPLE);
        for (int i = 0; i < n; i++) {
            int b = content[i] & 0xFF;
            // tab, LF, FF, CR and ESC (ISO-2022) occur in text; other C0 controls and NUL mean binary
            if (b < 0x20 && b != 0x09 && b != 0x0A && b != 0x0C && b != 0x0D && b != 0x1B) {
                return false;
            }
        }
        return TextDecoding.textConfidence(content) >= MIN_TEXT_CONFIDENCE;
    }
}
