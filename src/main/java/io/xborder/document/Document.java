package io.xborder.document;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A stored news article or policy text: its metadata, whole text, and the passages it was split into. */
@Entity
@Table(name = "documents")
public class Document extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "documents_seq")
    @SequenceGenerator(name = "documents_seq", sequenceName = "documents_seq", allocationSize = 50)
    public Long id;

    @Column(nullable = false)
    public String title;

    @Column(name = "source_url")
    public String sourceUrl;

    @Column(nullable = false)
    public String language;

    public String jurisdiction;

    @Column(name = "published_at")
    public LocalDate publishedAt;

    @Column(name = "content_hash", nullable = false, unique = true)
    public String contentHash;

    @Column(nullable = false)
    public String text;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** The ruleset version the passages were last classified with; null when unknown. */
    @Column(name = "ruleset_version")
    public String rulesetVersion;

    @OneToMany(mappedBy = "document", cascade = CascadeType.PERSIST)
    @OrderBy("index")
    public List<Passage> passages = new ArrayList<>();

    public static Optional<Document> findByContentHash(String hash) {
        return find("contentHash", hash).firstResultOptional();
    }
}
