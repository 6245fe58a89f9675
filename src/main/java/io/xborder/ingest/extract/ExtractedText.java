package io.xborder.ingest.extract;

import java.util.Objects;

/**
 * Plain text taken from a document.
 *
 * @param text the text, never blank; paragraphs are separated by a blank line, line ends are {@code \n}
 * @param title the document's title when it has one ({@code <title>}, {@code og:title}, first {@code h1}, or the
 *     title in the file's metadata), else {@code null}
 * @param mediaType the type sniffed from the bytes, without parameters ({@code application/pdf}, {@code text/html})
 * @param charset the character set the bytes were decoded with, for text and HTML; {@code null} for binary formats
 * @param pages the page count of paged formats (PDF) when known, else {@code null}
 */
public record ExtractedText(String text, String title, String mediaType, String charset, Integer pages) {

    public ExtractedText {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(mediaType, "mediaType");
    }
}
