package io.xborder.document;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** The file a document was extracted from (PDF, DOCX, HTML, …), kept so that it can be downloaded again. */
@Entity
@Table(name = "document_originals")
public class DocumentOriginal extends PanacheEntityBase {

    @Id
    @Column(name = "document_id")
    public Long documentId;

    @Column(name = "file_name")
    public String fileName;

    @Column(name = "media_type", nullable = false)
    public String mediaType;

    public String charset;

    @Column(name = "size_bytes", nullable = false)
    public long sizeBytes;

    @Column(nullable = false)
    public String sha256;

    @Column(nullable = false)
    public byte[] content;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
