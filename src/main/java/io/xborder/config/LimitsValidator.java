package io.xborder.config;

import io.smallrye.config.ConfigValidationException;
import io.smallrye.config.ConfigValidator;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.SmallRyeConfigBuilderCustomizer;
import java.util.List;

/**
 * Checks the {@link Limits} of every settings mapping while SmallRye Config builds it, so a start with a value out of
 * bounds stops before anything uses it, naming each key and the reason. Registered as a config customizer
 * (META-INF/services), which Quarkus applies to the configuration it builds at start.
 */
public final class LimitsValidator implements ConfigValidator, SmallRyeConfigBuilderCustomizer {

    @Override
    public void configBuilder(SmallRyeConfigBuilder builder) {
        builder.withValidator(this);
    }

    @Override
    public void validateMapping(Class<?> mappingClass, String prefix, Object mapping) {
        List<String> problems = Limits.of(prefix, mapping).problems();
        if (!problems.isEmpty()) {
            throw new ConfigValidationException(
                    problems.stream().map(ConfigValidationException.Problem::new)
                            .toArray(ConfigValidationException.Problem[]::new));
        }
    }
}
