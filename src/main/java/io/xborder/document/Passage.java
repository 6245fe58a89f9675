package io.xborder.document;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.util.ArrayList;
import java.util.List;

/** A sentence or legal article of a document, with its offsets into the document's text. */
@Entity
@Table(name = "passages")
public class Passage extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "passages_seq")
    @SequenceGenerator(name = "passages_seq", sequenceName = "passages_seq", allocationSize = 50)
    public Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "document_id")
    public Document document;

    @Column(name = "idx", nullable = false)
    public int index;

    @Column(name = "start_offset", nullable = false)
    public int start;

    @Column(name = "end_offset", nullable = false)
    public int end;

    @Column(nullable = false)
    public String text;

    @Column(nullable = false)
    public String language;

    @OneToMany(mappedBy = "passage", cascade = CascadeType.PERSIST)
    public List<StoredFinding> findings = new ArrayList<>();
}
