package io.xborder.document;

import io.xborder.text.StoredText;
import java.util.Objects;

/**
 * An uploaded or fetched file to keep with the document extracted from it.
 *
 * @param fileName the client's file name, or the last path segment of a fetched URL; may be null
 * @param mediaType the type sniffed from the bytes (served again on download)
 * @param charset the charset text and HTML were decoded with; null for binary formats
 */
public record OriginalFile(String fileName, String mediaType, String charset, byte[] content) {

    public OriginalFile {
        fileName = StoredText.clean(fileName);
        mediaType = StoredText.clean(Objects.requireNonNull(mediaType, "mediaType"));
        charset = StoredText.clean(charset);
        Objects.requireNonNull(content, "content");
    }
}
