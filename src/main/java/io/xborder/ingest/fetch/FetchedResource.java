package io.xborder.ingest.fetch;

import java.net.URI;

/**
 * A fetched body.
 *
 * @param url the URL the body came from, after redirects
 * @param contentType the Content-Type header, or null; a hint for the extractor, which sniffs the bytes
 * @param fileName the last segment of the URL's path, or null
 */
public record FetchedResource(URI url, String contentType, String fileName, byte[] body) {
}
