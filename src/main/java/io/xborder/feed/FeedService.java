package io.xborder.feed;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Sort;
import io.xborder.classify.Jurisdiction;
import io.xborder.classify.Language;
import io.xborder.document.DocumentInputs;
import io.xborder.document.DocumentMetadata;
import io.xborder.document.DocumentService;
import io.xborder.http.ProblemException;
import io.xborder.ingest.IngestFailure;
import io.xborder.ingest.IngestionService;
import io.xborder.security.AuditLog;
import io.xborder.text.StoredText;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Feed subscriptions and their polling: fetch the feed (SSRF-guarded), read it with ROME, and ingest each item not
 * seen before — its link fetched through the same guarded fetcher, or its content/description when the link gives
 * nothing. Every item is recorded by GUID (or link) with its document and content hash, so it is ingested once;
 * errors are recorded on the feed (the feed) or the item (the item), never stopping other feeds.
 */
@ApplicationScoped
public class FeedService {

    private static final Logger LOG = Logger.getLogger(FeedService.class);
    private static final int MAX_ERROR = 2000;

    private final IngestionService ingestion;
    private final AuditLog audit;
    private final FeedReader reader = new FeedReader();

    public FeedService(IngestionService ingestion, AuditLog audit) {
        this.ingestion = ingestion;
        this.audit = audit;
    }

    @Transactional
    public FeedView create(FeedRequest request) {
        Feed feed = new Feed();
        apply(feed, request);
        Feed.<Feed>find("url", feed.url).firstResultOptional().ifPresent(existing -> {
            throw ProblemException.conflict("feed " + existing.id + " already subscribes to " + feed.url);
        });
        feed.createdAt = Instant.now();
        feed.nextPollAt = feed.createdAt;
        feed.persist();
        Feed.flush();
        FeedView created = FeedView.of(feed);
        audit.record("feed.create", "feed", feed.id, null, created);
        return created;
    }

    @Transactional
    public FeedView update(long id, FeedRequest request) {
        Feed feed = Feed.<Feed>findByIdOptional(id).orElseThrow(() -> ProblemException.notFound("feed", id));
        FeedView before = FeedView.of(feed);
        String oldUrl = feed.url;
        apply(feed, request);
        if (!feed.url.equals(oldUrl) && Feed.count("url = ?1 and id <> ?2", feed.url, id) > 0) {
            throw ProblemException.conflict("another feed already subscribes to " + feed.url);
        }
        Feed.flush();
        FeedView after = FeedView.of(feed);
        audit.record("feed.update", "feed", id, before, after);
        return after;
    }

    @Transactional
    public boolean delete(long id) {
        Optional<Feed> feed = Feed.<Feed>findByIdOptional(id);
        if (feed.isEmpty()) {
            return false;
        }
        FeedView before = FeedView.of(feed.get());
        boolean deleted = Feed.deleteById(id);
        if (deleted) {
            audit.record("feed.delete", "feed", id, before, null);
        }
        return deleted;
    }

    @Transactional
    public Optional<FeedView> get(long id) {
        return Feed.<Feed>findByIdOptional(id).map(FeedView::of);
    }

    @Transactional
    public FeedView.Page list(int page, int size) {
        List<FeedView> items = Feed.<Feed>findAll(Sort.by("id")).page(page, size).list()
                .stream().map(FeedView::of).toList();
        return new FeedView.Page(items, page, size, Feed.count());
    }

    /** Claims up to {@code limit} due feeds for this instance (others skip them) and moves their next poll on. */
    @SuppressWarnings("unchecked")
    public List<Long> claimDue(int limit) {
        return QuarkusTransaction.requiringNew()
                .call(() -> ((List<Number>) Feed.getEntityManager().createNativeQuery("""
                        UPDATE feeds SET next_poll_at = now() + interval_seconds * interval '1 second'
                         WHERE id IN (SELECT id FROM feeds WHERE enabled AND next_poll_at <= now()
                                       ORDER BY next_poll_at LIMIT ?1 FOR UPDATE SKIP LOCKED)
                        RETURNING id""").setParameter(1, limit).getResultList()).stream().map(Number::longValue)
                        .toList());
    }

    /** Polls the feed now; 404 when it does not exist. Feed-level failures are recorded and returned, not thrown. */
    public FeedView.Poll poll(long id) {
        Feed feed = QuarkusTransaction.requiringNew().call(() -> Feed.<Feed>findByIdOptional(id))
                .orElseThrow(() -> ProblemException.notFound("feed", id));
        FeedReader.Parsed parsed;
        try {
            parsed = reader.read(ingestion.fetch(URI.create(feed.url)).body());
        } catch (IngestFailure | FeedReader.UnreadableFeedException e) {
            String error = clip(e.getMessage());
            FeedView view = finish(id, null, 0, 0, 0, error);
            LOG.infof("Feed %d could not be read: %s", id, error);
            return new FeedView.Poll(0, 0, 0, 0, error, view);
        }
        Set<String> known = knownKeys(id);
        int fresh = 0;
        int ingested = 0;
        int failed = 0;
        for (FeedReader.Item item : parsed.items()) {
            if (!known.add(item.key())) {
                continue;
            }
            fresh++;
            ItemResult result = ingest(feed, item);
            record(id, item, result);
            if (result.document() != null) {
                ingested++;
            } else {
                failed++;
            }
        }
        FeedView view = finish(id, parsed.title(), fresh, ingested, failed, null);
        return new FeedView.Poll(parsed.items().size(), fresh, ingested, failed, null, view);
    }

    private record ItemResult(DocumentService.Ingested document, String error) {
    }

    private ItemResult ingest(Feed feed, FeedReader.Item item) {
        String link = null;
        try {
            link = DocumentInputs.url("link", item.link());
        } catch (ProblemException e) {
            // not an http(s) link: the content is all there is
        }
        DocumentMetadata metadata = new DocumentMetadata(item.title(),
                feed.language == null ? null : Language.fromCode(feed.language).orElse(null),
                feed.jurisdiction == null ? null : Jurisdiction.of(feed.jurisdiction).orElse(null), link,
                item.publishedAt());
        String linkError = "no http(s) link";
        if (link != null) {
            try {
                return new ItemResult(ingestion.ingestUrl(URI.create(link), metadata), null);
            } catch (ProblemException e) { // an IngestFailure, invalid metadata or too much text
                linkError = e.getMessage();
            }
        }
        if (item.content() == null) {
            return new ItemResult(null, "link: " + linkError + "; no content or description");
        }
        String html = "<html><head><meta charset=\"utf-8\"><title></title></head><body><article>" + item.content()
                + "</article></body></html>";
        try {
            return new ItemResult(
                    ingestion.ingestFile(html.getBytes(StandardCharsets.UTF_8), "text/html; charset=utf-8",
                            null, metadata),
                    null);
        } catch (ProblemException e) { // an IngestFailure, invalid metadata or too much text
            return new ItemResult(null, "link: " + linkError + "; description: " + e.getMessage());
        }
    }

    @SuppressWarnings("unchecked")
    private static Set<String> knownKeys(long feedId) {
        return QuarkusTransaction.requiringNew().call(() -> new HashSet<>(Feed.getEntityManager()
                .createNativeQuery("SELECT item_key FROM feed_items WHERE feed_id = ?1")
                .setParameter(1, feedId).getResultList()));
    }

    private static void record(long feedId, FeedReader.Item item, ItemResult result) {
        QuarkusTransaction.requiringNew().run(() -> {
            EntityManager em = Feed.getEntityManager();
            em.createNativeQuery("""
                    INSERT INTO feed_items (feed_id, item_key, link, document_id, content_hash, error)
                    VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (feed_id, item_key) DO NOTHING""")
                    .setParameter(1, feedId)
                    .setParameter(2, StoredText.clean(item.key()))
                    .setParameter(3, StoredText.clean(item.link()))
                    .setParameter(4, result.document() == null ? null : result.document().document().id())
                    .setParameter(5, result.document() == null ? null : result.document().document().contentHash())
                    .setParameter(6, result.error() == null ? null : clip(result.error()))
                    .executeUpdate();
        });
    }

    private static FeedView finish(long id, String feedTitle, int fresh, int ingested, int failed, String error) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Feed f = Feed.findById(id);
            if (f == null) {
                throw ProblemException.notFound("feed", id); // deleted while polling
            }
            Instant now = Instant.now();
            f.lastPolledAt = now;
            if (error != null) {
                f.lastError = StoredText.clean(error);
                f.lastErrorAt = now;
            } else {
                f.lastError = null;
            }
            if (f.title == null && feedTitle != null) {
                String title = StoredText.clean(feedTitle);
                f.title = title.length() > 500 ? title.substring(0, 500) : title;
            }
            f.itemsSeen += fresh;
            f.itemsIngested += ingested;
            f.itemsFailed += failed;
            return FeedView.of(f);
        });
    }

    private static void apply(Feed feed, FeedRequest request) {
        if (request == null) {
            throw ProblemException.invalid("body", "a JSON object with a url field is required");
        }
        String url = DocumentInputs.url("url", request.url());
        if (url == null) {
            throw ProblemException.invalid("url", "is required");
        }
        int minutes = request.intervalMinutes() == null ? 60 : request.intervalMinutes();
        if (minutes < 1 || minutes > 10_080) {
            throw ProblemException.invalid("intervalMinutes", "must be between 1 and 10080 (a week)");
        }
        if (request.title() != null && request.title().length() > 500) {
            throw ProblemException.invalid("title", "must be at most 500 characters");
        }
        feed.url = url;
        feed.title = request.title() == null || request.title().isBlank()
                ? null
                : StoredText.clean(request.title().strip());
        feed.intervalSeconds = minutes * 60;
        feed.enabled = request.enabled() == null || request.enabled();
        feed.language = request.language() == null ? null : request.language().code();
        feed.jurisdiction = request.jurisdiction() == null ? null : request.jurisdiction().code();
    }

    private static String clip(String error) {
        String s = StoredText.clean(error);
        return s == null ? null : s.length() > MAX_ERROR ? s.substring(0, MAX_ERROR) + "…" : s;
    }
}
