package io.xborder.document;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.xborder.analysis.AnalysisService;
import io.xborder.analysis.TextAnalyzer;
import io.xborder.classify.Category;
import io.xborder.classify.Finding;
import io.xborder.finding.ReviewStatus;
import io.xborder.finding.StoredFinding;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hibernate.exception.ConstraintViolationException;

/**
 * Ingests documents (segment, classify, store document, passages and findings in one transaction, once per
 * content) and reads them back.
 */
@ApplicationScoped
public class DocumentService {

    private final AnalysisService analysis;
    private final Counter documentsIngested;
    private final Map<Category, Counter> findingsByCategory = new EnumMap<>(Category.class);

    public DocumentService(AnalysisService analysis, MeterRegistry registry) {
        this.analysis = analysis;
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
        String hash = contentHash(input.text());
        Optional<DocumentView> existing = QuarkusTransaction.requiringNew().call(() -> findByHash(hash));
        if (existing.isPresent()) {
            return new Ingested(existing.get(), false);
        }
        TextAnalyzer.AnalyzedText analyzed = analysis.analyze(input.text(), input.language(), input.jurisdiction());
        try {
            DocumentView stored = QuarkusTransaction.requiringNew().call(() -> store(input, hash, analyzed));
            documentsIngested.increment();
            analyzed.passages().forEach(p -> p.findings().forEach(f -> findingsByCategory.get(f.category()).increment()));
            return new Ingested(stored, true);
        } catch (PersistenceException e) {
            if (e instanceof ConstraintViolationException || e.getCause() instanceof ConstraintViolationException) {
                // another request stored the same text meanwhile
                return QuarkusTransaction.requiringNew().call(() -> findByHash(hash))
                        .map(d -> new Ingested(d, false))
                        .orElseThrow(() -> e);
            }
            throw e;
        }
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

    /** Deletes the document with its passages and findings; false when there was none. */
    @Transactional
    public boolean delete(long id) {
        return Document.deleteById(id);
    }

    private Optional<DocumentView> findByHash(String hash) {
        return Document.findByContentHash(hash).map(d -> DocumentView.of(d, passagesWithFindings(d.id)));
    }

    private static List<Passage> passagesWithFindings(long documentId) {
        return Passage.<Passage>find("select distinct p from Passage p left join fetch p.findings "
                + "where p.document.id = ?1 order by p.index", documentId).list();
    }

    private DocumentView store(DocumentInput input, String hash, TextAnalyzer.AnalyzedText analyzed) {
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
        }
        d.persist();
        Document.flush();
        return DocumentView.of(d, d.passages);
    }

    private static StoredFinding toStored(Finding f, Passage p, Document d, LocalDate occurredOn, String ruleset) {
        StoredFinding s = new StoredFinding();
        s.passage = p;
        s.document = d;
        s.language = p.language;
        s.occurredOn = occurredOn;
        s.category = f.category().name();
        s.confidence = Math.round(f.confidence() * 1000.0) / 1000.0;
        s.modality = f.modality().name();
        s.mechanisms = f.mechanisms().stream().map(Enum::name).sorted().toArray(String[]::new);
        s.jurisdictions = f.jurisdictions().stream().sorted().toArray(String[]::new);
        s.dataCategories = f.dataCategories().stream().map(Enum::name).sorted().toArray(String[]::new);
        s.evidence = f.evidence().stream()
                .map(e -> new StoredFinding.EvidenceSpan(e.start(), e.end(), e.text(), e.cue()))
                .toList();
        s.rulesetVersion = ruleset;
        s.reviewStatus = ReviewStatus.UNREVIEWED.name();
        s.createdAt = Instant.now();
        return s;
    }

    static String contentHash(String text) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
