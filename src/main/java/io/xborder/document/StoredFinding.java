package io.xborder.document;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.xborder.classify.Category;
import io.xborder.classify.Modality;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A finding as stored: the classifier's decision on one passage for one category, the ruleset that made it,
 * and its review status.
 */
@Entity
@Table(name = "findings")
public class StoredFinding extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "findings_seq")
    @SequenceGenerator(name = "findings_seq", sequenceName = "findings_seq", allocationSize = 50)
    public Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "passage_id")
    public Passage passage;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "document_id")
    public Document document;

    /** The passage's language, copied for filtering. */
    @Column(nullable = false)
    public String language;

    /** The document's publication date, or its ingestion date when unknown; the list's sort key. */
    @Column(name = "occurred_on", nullable = false)
    public LocalDate occurredOn;

    /** Category, modality, mechanisms, jurisdictions and data categories: as a review left them, or as found. */
    @Embedded
    public FindingAttributes attributes = new FindingAttributes();

    @Column(nullable = false)
    public double confidence;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public List<EvidenceSpan> evidence;

    @Column(name = "ruleset_version", nullable = false)
    public String rulesetVersion;

    @Enumerated(EnumType.STRING)
    @Column(name = "review_status", nullable = false)
    public ReviewStatus reviewStatus;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** The classifier's finding, or one a reviewer added (always reviewed: reclassification keeps it). */
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public FindingOrigin origin = FindingOrigin.CLASSIFIER;

    /** Optimistic lock: incremented by every update; the review API's ETag. */
    @Version
    @Column(nullable = false)
    public int version;

    @Column(name = "reviewed_by")
    public String reviewedBy;

    @Column(name = "reviewed_at")
    public Instant reviewedAt;

    @Column(name = "review_comment")
    public String reviewComment;

    /** What the classifier said before the first review changed anything; null while never reviewed. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "classifier_original")
    public Attributes classifierOriginal;

    /** The attributes a reviewer may correct, as the classifier set them (stored as JSON). */
    public record Attributes(Category category, Modality modality, List<String> mechanisms,
            List<String> jurisdictions, List<String> dataCategories) {
    }

    /** Evidence as stored (JSON): offsets into the document's text. */
    public record EvidenceSpan(int start, int end, String text, String cue) {
    }
}
