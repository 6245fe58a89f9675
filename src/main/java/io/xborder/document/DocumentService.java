package io.xborder.document;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.xborder.analysis.AnalysisService;
import io.xborder.analysis.TextAnalyzer;
import io.xborder.classify.Category;
import io.xborder.classify.Confidence;
import io.xborder.classify.Finding;
import io.xborder.classify.Language;
import io.xborder.classify.model.PassageClassifier;
import io.xborder.http.ProblemException;
import io.xborder.security.AuditLog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.commons.codec.digest.DigestUtils;
import org.hibernate.StatelessSession;

/**
 * Ingests documents (segment, classify, store document, passages and findings in one transaction, once per
 * content) and reads them back.
 */
@ApplicationScoped
public class DocumentService {

    private final AnalysisService analysis;
    private final RepeatedLines repeatedLines;
    private final Counter documentsIngested;

    private final Map<Category, Counter> findingsByCategory = new EnumMap<>(Category.class);

    private final AuditLog audit;
    private final StatelessSession inserts;
    private final DocumentRows rows;
    private final Event<FindingsStored> findingsStored;

    /**
     * @param inserts the current transaction's stateless session, for the one row of an original file
     * @param rows a new document's rows, written with plain JDBC
     */
    public DocumentService(AnalysisService analysis, RepeatedLines repeatedLines, MeterRegistry registry,
            AuditLog audit, StatelessSession inserts, DocumentRows rows, Event<FindingsStored> findingsStored) {
        this.analysis = analysis;
        this.findingsStored = findingsStored;
        this.repeatedLines = repeatedLines;
        this.audit = audit;
        this.inserts = inserts;
        this.rows = rows;
        this.documentsIngested = Counter.builder("xborder.documents.ingested")
                .description("Documents stored (repeats of stored content not counted)")
                .register(registry);
        for (Category c : Category.values()) {
            findingsByCategory.put(c, Counter.builder("xborder.findings")
                    .description("Findings stored, by category")
                    .tag("category", c.name())
                    .register(registry));
        }
    }

    /** The stored document and whether this call created it (false: the same text was stored before). */
    public record Ingested(DocumentView document, boolean created) {
    }

    /**
     * Stores the document unless a document with the same text exists. Classification runs outside the
     * transaction; concurrent ingestion of the same text stores it once.
     */
    public Ingested ingest(DocumentInput input) {
        return ingest(input, null);
    }

    /**
     * As {@link #ingest(DocumentInput)}, keeping {@code original} (may be null) as the file the text came from. A
     * document stored before without an original gets this one.
     */
    public Ingested ingest(DocumentInput input, OriginalFile original) {
        String hash = contentHash(input.text());
        // a plain read first (one statement, no transaction): a known text is answered without classifying it
        if (rows.idOf(hash).isPresent()) {
            Optional<DocumentView> existing = QuarkusTransaction.requiringNew().call(() -> stored(hash, original));
            if (existing.isPresent()) {
                return new Ingested(existing.get(), false);
            }
        }
        // a line the source repeats is boilerplate unless it says something the classifier finds
        Predicate<String> repeated = repeatedLines.boilerplateOf(input.sourceUrl());
        TextAnalyzer.AnalyzedText analyzed = analysis.analyze(input.text(), input.title(), input.language(),
                input.jurisdiction(), line -> repeated.test(line) && !analysis.hasFindings(line));
        Ingested result = QuarkusTransaction.requiringNew().call(() -> {
            // one transaction per content at a time: a concurrent request for the same text waits here, then finds
            // the stored document instead of racing it to the unique index
            Optional<DocumentView> known = rows.lockAndFind(contentLock(hash), hash).isPresent()
                    ? stored(hash, original)
                    : Optional.empty();
            return known.map(d -> new Ingested(d, false))
                    .orElseGet(() -> new Ingested(store(input, hash, analyzed, original), true));
        });
        if (result.created()) {
            documentsIngested.increment();
            analyzed.passages()
                    .forEach(p -> p.findings().forEach(f -> findingsByCategory.get(f.category()).increment()));
        }
        return result;
    }

    /** The document stored with this content, given {@code original} (may be null) when it has none yet. */
    private Optional<DocumentView> stored(String hash, OriginalFile original) {
        Optional<DocumentView> found = findByHash(hash);
        found.ifPresent(d -> {
            if (original != null && DocumentOriginal.findById(d.id()) == null) {
                persistOriginal(d.id(), original);
            }
        });
        return found;
    }

    /** The advisory-lock key of a content hash: its first 64 bits. */
    static long contentLock(String hash) {
        return Long.parseUnsignedLong(hash.substring(0, 16), 16);
    }

    @Transactional
    public Optional<DocumentView> get(long id) {
        return Document.<Document>findByIdOptional(id).map(d -> DocumentView.of(d, passagesWithFindings(id)));
    }

    @Transactional
    public DocumentPage list(int page, int size) {
        List<DocumentSummary> items = Document.getEntityManager().createQuery("""
                select new io.xborder.document.DocumentSummary(d.id, d.title, d.sourceUrl, d.language,
                    d.jurisdiction, d.publishedAt, d.createdAt, d.contentHash,
                    (select count(p) from Passage p where p.document = d),
                    (select count(f) from StoredFinding f where f.document = d))
                from Document d order by d.createdAt desc, d.id desc""", DocumentSummary.class)
                .setFirstResult(page * size)
                .setMaxResults(size)
                .getResultList();
        return new DocumentPage(items, page, size, Document.count());
    }

    /** A deleted document as the audit log keeps it: what it was, and the reviews that went with it. */
    public record Deleted(long id, String title, String sourceUrl, String language, String jurisdiction,
            LocalDate publishedAt, String contentHash, Instant createdAt, long passages, long findings,
            List<ReviewedFinding> reviewedFindings) {
    }

    /** A reviewed finding deleted with its document. */
    public record ReviewedFinding(long id, Category category, ReviewStatus reviewStatus, String reviewedBy,
            Instant reviewedAt) {
    }

    /** Deletes the document with its passages and findings, and audits it; false when there was none. */
    @Transactional
    public boolean delete(long id) {
        Optional<Document> found = Document.findByIdOptional(id);
        if (found.isEmpty()) {
            return false;
        }
        Document d = found.get();
        var em = Document.getEntityManager();
        long passages = em.createQuery("select count(p) from Passage p where p.document.id = :id", Long.class)
                .setParameter("id", id).getSingleResult();
        long findings = em.createQuery("select count(f) from StoredFinding f where f.document.id = :id", Long.class)
                .setParameter("id", id).getSingleResult();
        List<ReviewedFinding> reviewed = em
                .createQuery("select new io.xborder.document.DocumentService$ReviewedFinding("
                        + "f.id, f.attributes.category, f.reviewStatus, f.reviewedBy, f.reviewedAt) from StoredFinding f "
                        + "where f.document.id = :id and f.reviewStatus <> :unreviewed order by f.id",
                        ReviewedFinding.class)
                .setParameter("id", id).setParameter("unreviewed", ReviewStatus.UNREVIEWED).getResultList();
        Deleted before = new Deleted(d.id, d.title, d.sourceUrl, d.language, d.jurisdiction, d.publishedAt,
                d.contentHash, d.createdAt, passages, findings, reviewed);
        boolean deleted = Document.deleteById(id);
        if (deleted) {
            audit.record("document.delete", "document", id, before, null);
        }
        return deleted;
    }

    private Optional<DocumentView> findByHash(String hash) {
        return Document.findByContentHash(hash).map(d -> DocumentView.of(d, passagesWithFindings(d.id)));
    }

    private static List<Passage> passagesWithFindings(long documentId) {
        return Passage.<Passage>find("select distinct p from Passage p left join fetch p.findings "
                + "where p.document.id = ?1 order by p.index", documentId).list();
    }

    /** What a reclassification did to one document. */
    public record Reclassified(boolean changed, int findingsReplaced, int findingsKept, int findingsNow) {
    }

    /**
     * Re-runs the classifier on every stored passage of the document unless it was classified with the current
     * ruleset version: UNREVIEWED findings are replaced by the new ones; reviewed ones (CONFIRMED, REJECTED) are
     * kept, and no new finding is made for their passage and category. One transaction per document.
     *
     * @throws io.xborder.http.ProblemException (404) when the document does not exist (any more)
     */
    public Reclassified reclassify(long documentId) {
        return reclassify(documentId, false);
    }

    /**
     * As {@link #reclassify(long)}; with {@code evenIfCurrent} also a document already classified with the current
     * ruleset (its jurisdiction was corrected, or an analyst asks for it).
     */
    public Reclassified reclassify(long documentId, boolean evenIfCurrent) {
        // one model for the whole document, even if the active model is switched meanwhile
        PassageClassifier classifier = analysis.analyzer().classifier();
        String current = classifier.version();
        return QuarkusTransaction.requiringNew().call(() -> {
            Document d = Document
                    .<Document>findByIdOptional(documentId, LockModeType.PESSIMISTIC_WRITE)
                    .orElseThrow(() -> ProblemException.notFound("document", documentId));
            if (!evenIfCurrent && current.equals(d.rulesetVersion)) {
                return new Reclassified(false, 0, 0, (int) StoredFinding.count("document.id", documentId));
            }
            List<Passage> passages = passagesWithFindings(documentId);
            Map<Long, Set<Category>> reviewed = new HashMap<>();
            int kept = 0;
            for (Passage p : passages) {
                for (StoredFinding f : p.findings) {
                    if (f.reviewStatus != ReviewStatus.UNREVIEWED) {
                        reviewed.computeIfAbsent(p.id, k -> new HashSet<>()).add(f.attributes.category);
                        kept++;
                    }
                }
            }
            // a bulk delete runs at once: the new findings below may reuse a (passage, category) pair
            long replaced = StoredFinding.delete("document.id = ?1 and reviewStatus = ?2", documentId,
                    ReviewStatus.UNREVIEWED);
            LocalDate occurredOn = d.publishedAt != null
                    ? d.publishedAt
                    : d.createdAt.atZone(ZoneOffset.UTC).toLocalDate();
            int now = kept;
            for (Passage p : passages) {
                Language language = Language.fromCode(p.language)
                        .orElse(Language.EN);
                Set<Category> keep = reviewed.getOrDefault(p.id, Set.of());
                for (Finding f : classifier.classify(d.text, p.start, p.end, language,
                        d.jurisdiction)) {
                    if (!keep.contains(f.category())) {
                        toStored(f, p, d, occurredOn, current).persist();
                        now++;
                    }
                }
            }
            d.rulesetVersion = current;
            return new Reclassified(true, (int) replaced, kept, now);
        });
    }

    /** The document's original file; empty when the document does not exist or was ingested as text. */
    @Transactional
    public Optional<DocumentOriginal> original(long documentId) {
        return DocumentOriginal.findByIdOptional(documentId);
    }

    /** Whether a document with this id exists. */
    @Transactional
    public boolean exists(long id) {
        return Document.count("id", id) > 0;
    }

    private static void persistOriginal(long documentId, OriginalFile file) {
        originalOf(documentId, file).persist();
    }

    private static DocumentOriginal originalOf(long documentId, OriginalFile file) {
        DocumentOriginal o = new DocumentOriginal();
        o.documentId = documentId;
        o.fileName = file.fileName();
        o.mediaType = file.mediaType();
        o.charset = file.charset();
        o.sizeBytes = file.content().length;
        o.sha256 = DigestUtils.sha256Hex(file.content());
        o.content = file.content();
        o.createdAt = Instant.now();
        return o;
    }

    /**
     * Inserts the document, its passages and findings (new rows only) in the caller's transaction, with plain JDBC
     * ({@link DocumentRows}).
     */
    private DocumentView store(DocumentInput input, String hash, TextAnalyzer.AnalyzedText analyzed,
            OriginalFile original) {
        Document d = new Document();
        d.title = input.title();
        d.text = input.text();
        d.sourceUrl = input.sourceUrl();
        d.language = analyzed.language().code();
        d.jurisdiction = input.jurisdiction();
        d.publishedAt = input.publishedAt();
        d.contentHash = hash;
        d.createdAt = Instant.now();
        LocalDate occurredOn = input.publishedAt() != null ? input.publishedAt() : LocalDate.now(ZoneOffset.UTC);
        String ruleset = analysis.rulesetVersion();
        d.rulesetVersion = ruleset;
        List<StoredFinding> findings = new ArrayList<>();
        for (TextAnalyzer.AnalyzedPassage ap : analyzed.passages()) {
            Passage p = new Passage();
            p.document = d;
            p.index = ap.index();
            p.start = ap.segment().start();
            p.end = ap.segment().end();
            p.text = ap.segment().text();
            p.language = ap.segment().language().code();
            for (Finding f : ap.findings()) {
                p.findings.add(toStored(f, p, d, occurredOn, ruleset));
            }
            d.passages.add(p);
            findings.addAll(p.findings);
        }
        rows.insert(d, d.passages, findings);
        if (!findings.isEmpty()) {
            // in this transaction: what observers write (the alerts' outbox) commits with the findings or not at all
            findingsStored.fire(new FindingsStored(d, findings));
        }
        repeatedLines.record(input.sourceUrl(), input.text());
        if (original != null) {
            inserts.insert(originalOf(d.id, original));
        }
        return DocumentView.of(d, d.passages);
    }

    static StoredFinding toStored(Finding f, Passage p, Document d, LocalDate occurredOn, String ruleset) {
        StoredFinding s = new StoredFinding();
        s.passage = p;
        s.document = d;
        s.language = p.language;
        s.occurredOn = occurredOn;
        s.attributes.category = f.category();
        s.confidence = Confidence.rounded(f.confidence());
        s.attributes.modality = f.modality();
        s.attributes.mechanisms = f.mechanisms().stream().map(Enum::name).sorted().toArray(String[]::new);
        s.attributes.jurisdictions = f.jurisdictions().stream().sorted().toArray(String[]::new);
        s.attributes.dataCategories = f.dataCategories().stream().map(Enum::name).sorted().toArray(String[]::new);
        s.evidence = f.evidence().stream()
                .map(e -> new StoredFinding.EvidenceSpan(e.start(), e.end(), e.text(), e.cue()))
                .toList();
        s.rulesetVersion = ruleset;
        s.reviewStatus = ReviewStatus.UNREVIEWED;
        // to the column's precision, so that an observer comparing it (the alerts' outbox) sees the time stored
        s.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return s;
    }

    /** SHA-256 of the text's UTF-8 bytes: the identity of a document. */
    public static String contentHash(String text) {
        return DigestUtils.sha256Hex(text);
    }
}
