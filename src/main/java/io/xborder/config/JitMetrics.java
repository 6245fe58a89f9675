package io.xborder.config;

import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.jvm.JvmCompilationMetrics;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Publishes the JIT compiler's cumulative time ({@code jvm_compilation_time_ms_total}). On a small container the
 * compiler takes a core for the first minute or so under load; this metric shows when a replica has settled, and
 * the ingest benchmark waits for it before measuring.
 */
@Singleton
public class JitMetrics {

    @Produces
    @Singleton
    MeterBinder jvmCompilation() {
        return new JvmCompilationMetrics();
    }
}
