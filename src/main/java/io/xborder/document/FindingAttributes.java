package io.xborder.document;

import io.xborder.classify.Category;
import io.xborder.classify.Modality;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * The attributes of a finding that a reviewer may correct, in the columns of the same names in {@code findings} (its
 * current attributes) and {@code finding_reviews} (the attributes a review step left).
 */
@Embeddable
public class FindingAttributes {

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Category category;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Modality modality;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false)
    public String[] mechanisms;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false)
    public String[] jurisdictions;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "data_categories", nullable = false)
    public String[] dataCategories;

    /** A copy that shares no array with this one. */
    public FindingAttributes copy() {
        FindingAttributes c = new FindingAttributes();
        c.category = category;
        c.modality = modality;
        c.mechanisms = mechanisms.clone();
        c.jurisdictions = jurisdictions.clone();
        c.dataCategories = dataCategories.clone();
        return c;
    }
}
