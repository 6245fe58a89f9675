package io.xborder.job;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.xborder.analysis.AnalysisService;
import io.xborder.document.DocumentMetadata;
import io.xborder.document.DocumentService;
import io.xborder.http.ProblemException;
import io.xborder.ingest.IngestFailure;
import io.xborder.ingest.IngestionService;
import io.xborder.text.StoredText;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.net.URI;

/**
 * Does one job item: ingest a file, fetch and ingest a URL, or reclassify a document. Idempotent, as a retried
 * item requires: documents dedupe by content hash, and reclassifying a current document changes nothing. Bad
 * input becomes a permanent item failure with the reason the API would give.
 */
@ApplicationScoped
public class JobProcessor implements JobItemHandler {

    /**
     * The metadata stored (jsonb) with a file or URL item: the document's metadata as flat fields, and a file's
     * declared media type.
     */
    record ItemMetadata(DocumentMetadata document, String mediaType) {

        private static final String MEDIA_TYPE = "mediaType";

        /** Every field in its wire form, as a client would send it; jsonb cannot hold NUL: texts {@link StoredText}. */
        ObjectNode toTree(ObjectMapper json) {
            ObjectNode node = json.createObjectNode();
            node.put("title", StoredText.clean(document.title()));
            node.put("language", document.language() == null ? null : document.language().code());
            node.put("jurisdiction", document.jurisdiction() == null ? null : document.jurisdiction().code());
            node.put("sourceUrl", StoredText.clean(document.sourceUrl()));
            node.put("publishedAt", document.publishedAt() == null ? null : document.publishedAt().toString());
            node.put(MEDIA_TYPE, StoredText.clean(mediaType));
            return node;
        }

        static ItemMetadata of(ObjectMapper json, String stored) throws JsonProcessingException {
            JsonNode tree = json.readTree(stored == null ? "{}" : stored);
            if (!(tree instanceof ObjectNode node)) {
                throw new JsonMappingException(null, "not a JSON object");
            }
            JsonNode mediaType = node.remove(MEDIA_TYPE);
            return new ItemMetadata(json.treeToValue(node, DocumentMetadata.class),
                    mediaType == null || mediaType.isNull() ? null : mediaType.asText());
        }
    }

    private final IngestionService ingestion;
    private final DocumentService documents;
    private final ObjectMapper json;
    private final AnalysisService analysis;
    private final Instance<PluggedJobs> plugged;

    public JobProcessor(IngestionService ingestion, DocumentService documents, ObjectMapper json,
            AnalysisService analysis, Instance<PluggedJobs> plugged) {
        this.ingestion = ingestion;
        this.documents = documents;
        this.json = json;
        this.analysis = analysis;
        this.plugged = plugged;
    }

    @Override
    public Outcome handle(JobQueue.ClaimedItem item) throws Exception {
        try {
            return switch (item.kind()) {
                case FILES -> {
                    if (item.payload() == null) {
                        throw new ItemFailedException("TOO_LARGE", item.source() + " is over the per-file limit");
                    }
                    ItemMetadata m = metadata(item);
                    yield ingested(ingestion.ingestFile(item.payload(), m.mediaType(), item.source(), m.document()));
                }
                case URLS -> ingested(ingestion.ingestUrl(URI.create(item.source()), metadata(item).document()));
                case RECLASSIFY -> {
                    // the model may have been switched on another replica a moment ago: reclassify with it
                    analysis.refreshModel();
                    documents.reclassify(item.documentId());
                    yield new Outcome(item.documentId(), false);
                }
                case TRAIN_MODEL -> plugged(item);
            };
        } catch (IngestFailure e) {
            if (isTransient(e.kind())) {
                throw new ItemDeferredException(e.kind().name(), e.getMessage());
            }
            throw new ItemFailedException(e.kind().name(), e.getMessage());
        } catch (ProblemException e) {
            String reason = switch (e.status()) {
                case 400 -> "INVALID";
                case 413 -> "TOO_LARGE";
                case 404 -> "NOT_FOUND";
                default -> throw e;
            };
            throw new ItemFailedException(reason, e.getMessage());
        }
    }

    private Outcome plugged(JobQueue.ClaimedItem item) throws Exception {
        for (PluggedJobs handler : plugged) {
            if (handler.kinds().contains(item.kind())) {
                return handler.handle(item);
            }
        }
        throw new ItemFailedException("UNSUPPORTED", "no handler for " + item.kind() + " jobs on this instance");
    }

    /**
     * Failures that say nothing about the item: extraction busy or over its time (the machine is loaded), the remote
     * server slow. Everything else (corrupt, unsupported, empty, refused, unreachable, too large) fails at once.
     */
    static boolean isTransient(IngestFailure.Kind kind) {
        return kind == IngestFailure.Kind.EXTRACTION_TIMEOUT || kind == IngestFailure.Kind.URL_TIMEOUT;
    }

    private ItemMetadata metadata(JobQueue.ClaimedItem item) throws ItemFailedException {
        try {
            return ItemMetadata.of(json, item.metadataJson());
        } catch (JsonProcessingException e) {
            throw new ItemFailedException("INVALID", "unreadable item metadata: " + e.getOriginalMessage());
        }
    }

    private static Outcome ingested(DocumentService.Ingested ingested) {
        return new Outcome(ingested.document().id(), ingested.created());
    }
}
