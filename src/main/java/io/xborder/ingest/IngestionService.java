package io.xborder.ingest;

import io.xborder.document.DocumentInput;
import io.xborder.document.DocumentInputs;
import io.xborder.document.DocumentMetadata;
import io.xborder.document.DocumentService;
import io.xborder.document.OriginalFile;
import io.xborder.ingest.extract.ExtractedText;
import io.xborder.ingest.extract.ExtractionException;
import io.xborder.ingest.extract.TextExtractor;
import io.xborder.ingest.fetch.FetchException;
import io.xborder.ingest.fetch.FetchedResource;
import io.xborder.ingest.fetch.UrlFetcher;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import org.apache.tika.mime.MediaType;

/**
 * Turns files and URLs into documents: extract the text (type sniffed from the bytes), fill the metadata the
 * client left out from the file (title) or the URL (source), and ingest it with the original file kept. Idempotent
 * by the extracted text's hash, like every ingestion.
 */
@ApplicationScoped
public class IngestionService {

    private final TextExtractor extractor;
    private final UrlFetcher fetcher;
    private final DocumentInputs inputs;
    private final DocumentService documents;

    public IngestionService(TextExtractor extractor, UrlFetcher fetcher, DocumentInputs inputs,
            DocumentService documents) {
        this.extractor = extractor;
        this.fetcher = fetcher;
        this.inputs = inputs;
        this.documents = documents;
    }

    /**
     * @param mediaTypeHint the declared type (upload part or Content-Type), may be null
     * @param fileName the client's file name, may be null
     * @throws IngestFailure when no text can be taken from the file
     * @throws io.xborder.http.ProblemException (400) when the metadata is invalid
     */
    public DocumentService.Ingested ingestFile(byte[] content, String mediaTypeHint, String fileName,
            DocumentMetadata metadata) {
        ExtractedText extracted = extract(content, mediaTypeHint, fileName);
        DocumentMetadata filled = metadata.orElse(DocumentMetadata.NONE.withTitle(extracted.title()));
        DocumentInput input = inputs.of(extracted.text(), filled);
        return documents.ingest(input, new OriginalFile(fileName, extracted.mediaType(), extracted.charset(), content));
    }

    /** Fetches the URL (SSRF-guarded) and ingests what it serves; the final URL becomes the source URL. */
    public DocumentService.Ingested ingestUrl(URI url, DocumentMetadata metadata) {
        FetchedResource fetched = fetch(url);
        String source = fetched.url().toString();
        DocumentMetadata filled = metadata.orElse(DocumentMetadata.NONE
                .withSourceUrl(source.length() <= DocumentInputs.MAX_URL ? source : url.toString()));
        return ingestFile(fetched.body(), fetched.contentType(), fetched.fileName(), filled);
    }

    /** Fetches the URL (SSRF-guarded, bounded) without ingesting it. */
    public FetchedResource fetch(URI url) {
        try {
            return fetcher.fetch(url);
        } catch (FetchException e) {
            throw new IngestFailure(switch (e.kind()) {
                case REFUSED -> IngestFailure.Kind.URL_REFUSED;
                case UNREACHABLE -> IngestFailure.Kind.URL_UNREACHABLE;
                case TIMEOUT -> IngestFailure.Kind.URL_TIMEOUT;
                case TOO_LARGE -> IngestFailure.Kind.TOO_LARGE;
                case TOO_MANY_REDIRECTS -> IngestFailure.Kind.TOO_MANY_REDIRECTS;
            }, e.getMessage(), e);
        }
    }

    /** Extracts the text of a file, as {@link IngestFailure} when it has none. */
    public ExtractedText extract(byte[] content, String mediaTypeHint, String fileName) {
        try {
            return extractor.extract(content, safeMediaType(mediaTypeHint), fileName);
        } catch (ExtractionException e) {
            String what = fileName == null ? "" : fileName + ": ";
            throw new IngestFailure(switch (e.reason()) {
                case EMPTY -> IngestFailure.Kind.EMPTY;
                case UNSUPPORTED_TYPE -> IngestFailure.Kind.UNSUPPORTED_TYPE;
                case CORRUPT -> IngestFailure.Kind.CORRUPT;
                case TOO_LARGE -> IngestFailure.Kind.TOO_LARGE;
                case TIMEOUT -> IngestFailure.Kind.EXTRACTION_TIMEOUT;
                case ENCRYPTED -> IngestFailure.Kind.ENCRYPTED;
            }, what + e.getMessage(), e);
        }
    }

    /** A malformed Content-Type hint is dropped (the bytes decide the type anyway). */
    private static String safeMediaType(String hint) {
        if (hint == null || hint.isBlank()) {
            return null;
        }
        return MediaType.parse(hint) == null ? null : hint;
    }
}
