package io.xborder.console;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Whether a document has its original file stored (served at {@code /api/v1/documents/{id}/original}).
 *
 * <p>TODO(h-ingest): ingestion of uploaded files and URLs stores originals; when it lands, replace this default
 * with a bean that asks the ingestion store, and the document page shows the "original file" link.
 */
@ApplicationScoped
@DefaultBean
public class OriginalFiles {

    public boolean exists(long documentId) {
        return false;
    }
}
