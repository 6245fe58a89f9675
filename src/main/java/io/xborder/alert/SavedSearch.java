package io.xborder.alert;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A findings filter saved with a name by its owner, optionally shared with the team. */
@Entity
@Table(name = "saved_searches")
public class SavedSearch extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false)
    public String owner;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false)
    public boolean shared;

    public String q;

    public String jurisdiction;

    public String category;

    public String mechanism;

    public String modality;

    @Column(name = "data_category")
    public String dataCategory;

    public String language;

    @Column(name = "min_confidence")
    public Double minConfidence;

    @Column(name = "feed_token_hash")
    public String feedTokenHash;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** The filter's criteria. */
    public SearchCriteria criteria() {
        return SearchCriteria.ofStored(q, jurisdiction, category, mechanism, modality, dataCategory, language,
                minConfidence);
    }

    void apply(SearchCriteria c) {
        q = c.q();
        jurisdiction = c.jurisdiction() == null ? null : c.jurisdiction().code();
        category = c.category() == null ? null : c.category().name();
        mechanism = c.mechanism() == null ? null : c.mechanism().name();
        modality = c.modality() == null ? null : c.modality().name();
        dataCategory = c.dataCategory() == null ? null : c.dataCategory().name();
        language = c.language() == null ? null : c.language().code();
        minConfidence = c.minConfidence();
    }

    /** Whether this principal may see it: its owner, anyone when shared. */
    boolean visibleTo(String principal) {
        return shared || owner.equals(principal);
    }
}
