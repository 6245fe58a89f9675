package io.xborder.learning;

import io.xborder.http.ProblemException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * An activation refused because the version is worse than the active one on the blind set beyond the tolerance
 * (409, {@link LearningService#WORSE}); it keeps the measures, so that the console can say them in words beside its
 * Activate button while the API answers the same detail as before.
 */
public class ModelWorseException extends ProblemException {

    private static final long serialVersionUID = 1L;

    private final long version;
    private final long activeVersion;
    private final double tolerance;
    private final transient List<ActivationGate.Shortfall> shortfalls;

    public ModelWorseException(long version, long activeVersion, double tolerance,
            List<ActivationGate.Shortfall> shortfalls) {
        super(409, LearningService.WORSE, String.format(Locale.ROOT,
                "model version %d is worse than the active version %d on the blind set beyond the tolerance of "
                        + "%.3f: %s. An admin may activate it anyway with force: true and a reason.",
                version, activeVersion, tolerance,
                shortfalls.stream().map(Object::toString).collect(Collectors.joining("; "))), List.of(), Map.of(),
                null);
        this.version = version;
        this.activeVersion = activeVersion;
        this.tolerance = tolerance;
        this.shortfalls = List.copyOf(shortfalls);
    }

    public long version() {
        return version;
    }

    public long activeVersion() {
        return activeVersion;
    }

    public double tolerance() {
        return tolerance;
    }

    /** The measures on which it is worse, each with both values. */
    public List<ActivationGate.Shortfall> shortfalls() {
        return shortfalls;
    }
}
