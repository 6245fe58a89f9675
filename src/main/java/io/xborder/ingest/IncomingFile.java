package io.xborder.ingest;

import io.xborder.document.DocumentMetadata;

/**
 * A file as it arrived in an upload (API, file job or console), with the metadata that applies to it.
 *
 * @param fileName the client's file name, may be null
 * @param mediaType the declared type, may be null (the bytes decide)
 * @param size the file's size in bytes
 * @param content the bytes; null when the file is over the per-file limit and was not read
 */
public record IncomingFile(String fileName, String mediaType, long size, byte[] content, DocumentMetadata metadata) {

    public boolean overLimit() {
        return content == null;
    }
}
