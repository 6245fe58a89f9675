package io.xborder.finding;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.xborder.document.FindingAttributes;
import io.xborder.document.ReviewStatus;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.Immutable;

/**
 * One step of a finding's review history as stored (migration V10): written once, never updated (the database
 * refuses an UPDATE).
 */
@Entity
@Immutable
@Table(name = "finding_reviews")
public class StoredReview extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "finding_id", nullable = false)
    public long findingId;

    /** The finding's version this step produced. */
    @Column(name = "finding_version", nullable = false)
    public int findingVersion;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ReviewStatus verdict;

    /** Whether this step added the finding (a reviewer's finding where the classifier found none). */
    @Column(nullable = false)
    public boolean added;

    /** The finding's attributes as this step left them. */
    @Embedded
    public FindingAttributes attributes;

    /** The principal, as the audit log names it. */
    @Column(nullable = false)
    public String reviewer;

    /** The name shown: the API key's name or the token's name claim. */
    @Column(name = "reviewer_name", nullable = false)
    public String reviewerName;

    @Column(name = "reviewed_at", nullable = false)
    public Instant reviewedAt;

    public String comment;
}
