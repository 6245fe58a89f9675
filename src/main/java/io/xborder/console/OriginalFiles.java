package io.xborder.console;

import io.xborder.document.DocumentOriginal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.Locale;
import java.util.Optional;

/**
 * The original file a document was extracted from (uploaded or fetched; served at
 * {@code /api/v1/documents/{id}/original}), described without loading its bytes.
 */
@ApplicationScoped
public class OriginalFiles {

    /** What the document page says about the original file. */
    public record Original(String fileName, String mediaType, long sizeBytes) {

        /** The size in B, KB or MB. */
        public String size() {
            if (sizeBytes < 1024) {
                return sizeBytes + " B";
            }
            return sizeBytes < 1024 * 1024
                    ? Math.round(sizeBytes / 1024.0) + " KB"
                    : String.format(Locale.ROOT, "%.1f MB", sizeBytes / (1024.0 * 1024));
        }
    }

    /** The document's original file; empty when it was ingested as text (or does not exist). */
    @Transactional
    public Optional<Original> of(long documentId) {
        return DocumentOriginal.getEntityManager().createQuery("select o.fileName, o.mediaType, o.sizeBytes "
                + "from DocumentOriginal o where o.documentId = ?1", Object[].class).setParameter(1, documentId)
                .getResultStream().findFirst()
                .map(row -> new Original((String) row[0], (String) row[1], ((Number) row[2]).longValue()));
    }
}
