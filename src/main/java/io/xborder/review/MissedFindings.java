package io.xborder.review;

import io.xborder.document.Document;
import io.xborder.document.FindingOrigin;
import io.xborder.document.Passage;
import io.xborder.document.ReviewStatus;
import io.xborder.document.StoredFinding;
import io.xborder.finding.FindingQuery;
import io.xborder.finding.FindingView;
import io.xborder.finding.ReviewHistory;
import io.xborder.http.Problem;
import io.xborder.http.ProblemException;
import io.xborder.security.AuditLog;
import io.xborder.security.Reviewer;
import io.xborder.text.StoredText;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Findings the classifier missed, added by reviewers: stored as findings of origin REVIEWER, CONFIRMED from the
 * start (so search, counts, feeds and exports see them, and reclassification keeps them), with the reviewer's
 * evidence words, one history step and one audit entry.
 */
@ApplicationScoped
public class MissedFindings {

    public static final int MAX_SPANS = 5;
    /** What a reviewer's finding stores as its ruleset version: no ruleset made it. */
    public static final String RULESET = "reviewer";

    private final EntityManager em;
    private final FindingQuery query;
    private final ReviewHistory history;
    private final AuditLog audit;

    public MissedFindings(EntityManager em, FindingQuery query, ReviewHistory history, AuditLog audit) {
        this.em = em;
        this.query = query;
        this.history = history;
        this.audit = audit;
    }

    /**
     * Adds the finding to the passage.
     *
     * @throws ProblemException 404 no such passage; 400 a span outside the passage or not matching its text; 409
     *             the passage already has a finding of the category (review that one instead)
     */
    @Transactional
    public FindingView add(long passageId, MissedFindingRequest request, Reviewer reviewer) {
        Passage p = em.find(Passage.class, passageId);
        if (p == null) {
            throw ProblemException.notFound("passage", passageId);
        }
        // the document locked, as reclassification locks it: two reviewers adding the same category at once get one
        // finding and one 409, and a reclassification running meanwhile sees this finding (no duplicate key)
        em.lock(p.document, LockModeType.PESSIMISTIC_WRITE);
        List<StoredFinding.EvidenceSpan> evidence = evidence(p, request.evidence());
        List<Long> existing = em.createQuery("select f.id from StoredFinding f where f.passage = :p and "
                + "f.attributes.category = :c", Long.class).setParameter("p", p).setParameter("c", request.category())
                .getResultList();
        if (!existing.isEmpty()) {
            throw ProblemException.conflict("passage " + passageId + " already has a " + request.category().name()
                    + " finding (" + existing.get(0) + "); review that one instead of adding another");
        }
        Document d = p.document;
        StoredFinding f = new StoredFinding();
        f.passage = p;
        f.document = d;
        f.language = p.language;
        f.occurredOn = d.publishedAt != null ? d.publishedAt : LocalDate.ofInstant(d.createdAt, ZoneOffset.UTC);
        f.attributes.category = request.category();
        f.confidence = 1.0;
        f.attributes.modality = request.modality();
        f.attributes.mechanisms = names(request.mechanisms());
        f.attributes.jurisdictions = request.jurisdictions() == null
                ? new String[0]
                : request.jurisdictions().stream().map(j -> j.code()).distinct().sorted().toArray(String[]::new);
        f.attributes.dataCategories = names(request.dataCategories());
        f.evidence = evidence;
        f.rulesetVersion = RULESET;
        f.origin = FindingOrigin.REVIEWER;
        f.reviewStatus = ReviewStatus.CONFIRMED;
        f.createdAt = Instant.now();
        f.reviewedAt = f.createdAt;
        f.reviewedBy = reviewer.principal();
        String comment = request.comment() == null ? null : StoredText.clean(request.comment()).strip();
        f.reviewComment = comment == null || comment.isEmpty() ? null : comment;
        em.persist(f);
        em.flush();
        history.record(f, true, reviewer, f.reviewComment, f.reviewedAt);
        FindingView view = query.get(f.id).orElseThrow();
        audit.record(reviewer.principal(), "finding.add", "finding", f.id, null, view);
        return view;
    }

    /** The spans as evidence (offsets into the document's text), checked against the passage. */
    static List<StoredFinding.EvidenceSpan> evidence(Passage p, List<MissedFindingRequest.Span> spans) {
        String text = p.text;
        List<Problem.FieldError> errors = new ArrayList<>();
        List<StoredFinding.EvidenceSpan> out = new ArrayList<>();
        for (int i = 0; i < spans.size(); i++) {
            MissedFindingRequest.Span s = spans.get(i);
            String field = "evidence[" + i + "]";
            if (s.start() >= s.end()) {
                errors.add(new Problem.FieldError(field, "start must be before end"));
            } else if (s.end() > text.length()) {
                errors.add(new Problem.FieldError(field, "end " + s.end() + " is past the passage's "
                        + text.length() + " characters"));
            } else if (Character.isLowSurrogate(text.charAt(s.start()))
                    || s.end() < text.length() && Character.isLowSurrogate(text.charAt(s.end()))) {
                errors.add(new Problem.FieldError(field, "cuts a character in two"));
            } else {
                String spanned = text.substring(s.start(), s.end());
                if (spanned.isBlank()) {
                    errors.add(new Problem.FieldError(field, "holds only spaces; select words of the passage"));
                } else if (s.text() != null && !s.text().equals(spanned)) {
                    errors.add(new Problem.FieldError(field, "text does not match the passage at " + s.start() + "–"
                            + s.end() + " (the passage has '" + clip(spanned) + "' there)"));
                } else {
                    out.add(new StoredFinding.EvidenceSpan(p.start + s.start(), p.start + s.end(), spanned, null));
                }
            }
        }
        out.sort(Comparator.comparingInt(StoredFinding.EvidenceSpan::start));
        for (int i = 1; i < out.size() && errors.isEmpty(); i++) {
            if (out.get(i).start() < out.get(i - 1).end()) {
                errors.add(new Problem.FieldError("evidence", "spans must not overlap"));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors.size() == 1
                    ? errors.get(0).field() + ": " + errors.get(0).message()
                    : errors.size() + " invalid evidence spans", errors);
        }
        return out;
    }

    private static String[] names(List<? extends Enum<?>> values) {
        return values == null
                ? new String[0]
                : values.stream().filter(Objects::nonNull).map(Enum::name).distinct().sorted()
                        .toArray(String[]::new);
    }

    private static String clip(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
