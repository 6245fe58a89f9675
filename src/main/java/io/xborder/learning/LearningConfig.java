package io.xborder.learning;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;

/** Model versions and their activation ({@code xborder.learning.*}). */
@ConfigMapping(prefix = "xborder.learning")
public interface LearningConfig {

    /**
     * How often each replica looks which model version is active; a switch reaches every replica within this time
     * ({@code XBORDER_MODEL_POLL}).
     */
    @WithDefault("${XBORDER_MODEL_POLL:5s}")
    @DurationMin(millis = 100)
    Duration pollInterval();

    /**
     * How much worse than the active model a candidate may be on any gated blind-set measure before its activation
     * is refused (absolute, e.g. 0.01 = one point of F1) ({@code XBORDER_MODEL_TOLERANCE}).
     */
    @WithDefault("${XBORDER_MODEL_TOLERANCE:0.01}")
    @DecimalMin("0")
    @DecimalMax("1")
    double blindTolerance();
}
