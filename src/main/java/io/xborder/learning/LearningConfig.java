package io.xborder.learning;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.xborder.config.Limits;
import java.time.Duration;

/** Model versions and their activation ({@code xborder.learning.*}). */
@ConfigMapping(prefix = "xborder.learning")
public interface LearningConfig extends Limits.Bounded {

    @Override
    default void checkBounds(Limits limits) {
        limits.atLeast("poll-interval", pollInterval(), Duration.ofMillis(100))
                .between("blind-tolerance", blindTolerance(), 0, 1);
    }

    /**
     * How often each replica looks which model version is active; a switch reaches every replica within this time
     * ({@code XBORDER_MODEL_POLL}).
     */
    @WithDefault("${XBORDER_MODEL_POLL:5s}")
    Duration pollInterval();

    /**
     * How much worse than the active model a candidate may be on any gated blind-set measure before its activation
     * is refused (absolute, e.g. 0.01 = one point of F1) ({@code XBORDER_MODEL_TOLERANCE}).
     */
    @WithDefault("${XBORDER_MODEL_TOLERANCE:0.01}")
    double blindTolerance();
}
