package io.xborder.document;

import java.util.List;

/**
 * Fired (synchronously, as a CDI event) after a new document's findings are inserted and before the transaction that
 * stores them commits, so that an observer's own writes (the alerts' outbox) commit or roll back with the findings.
 * Observers read the entities and must not change them; their ids are assigned.
 *
 * @param document the stored document
 * @param findings its findings, each with its passage
 */
public record FindingsStored(Document document, List<StoredFinding> findings) {

    public FindingsStored {
        findings = List.copyOf(findings);
    }
}
