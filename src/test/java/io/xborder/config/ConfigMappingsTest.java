package io.xborder.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.ConfigValidationException;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.SmallRyeConfigBuilderCustomizer;
import io.smallrye.config.WithDefault;
import io.xborder.alert.AlertsConfig;
import io.xborder.demo.DemoConfig;
import io.xborder.document.BoilerplateConfig;
import io.xborder.feed.FeedsConfig;
import io.xborder.finding.FindingsConfig;
import io.xborder.http.LimitsConfig;
import io.xborder.ingest.IngestConfig;
import io.xborder.job.JobsConfig;
import io.xborder.security.SecurityConfig;
import io.xborder.security.SessionConfig;
import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedParameterizedType;
import java.lang.reflect.AnnotatedType;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The service's settings: one {@code @ConfigMapping} per prefix, each default written once (in the mapping, with
 * the environment variable the documentation names), and a value that makes no sense stops the start with the key
 * and the reason. Checked on SmallRye Config alone, with Quarkus' converters and the config customizers the service
 * registers (META-INF/services, applied by Quarkus at start): the bounds are plain Java ({@link Limits}), not Bean
 * Validation, whose validator factory cost a tenth of the start's Java time.
 */
class ConfigMappingsTest {

    /** Every mapping of the service, found in the compiled classes. */
    private static final List<Class<?>> MAPPINGS = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.xborder").stream()
            .filter(c -> c.isAnnotatedWith(ConfigMapping.class))
            .map(JavaClass::reflect)
            .<Class<?>>map(c -> c)
            .toList();

    static SmallRyeConfig config(Map<String, String> values) {
        SmallRyeConfigBuilder builder = new SmallRyeConfigBuilder().addDefaultInterceptors()
                .withSources(new PropertiesConfigSource(values, "test", 250))
                .withConverter(Duration.class, 200, new DurationConverter())
                .withConverter(MemorySize.class, 200, new MemorySizeConverter());
        ServiceLoader.load(SmallRyeConfigBuilderCustomizer.class).forEach(c -> c.configBuilder(builder));
        MAPPINGS.forEach(builder::withMapping);
        return builder.build();
    }

    @Test
    void everyPrefixHasOneMappingAndEverySettingItsDefaultThere() {
        assertThat(MAPPINGS).extracting(c -> c.getAnnotation(ConfigMapping.class).prefix())
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrder("xborder.limits", "xborder.ingest", "xborder.fetch", "xborder.jobs",
                        "xborder.feeds", "xborder.boilerplate", "xborder.findings", "xborder.demo",
                        "xborder.security", "xborder.session", "xborder.webhooks", "xborder.learning");
        for (Class<?> mapping : MAPPINGS) {
            for (Method m : settings(mapping)) {
                assertThat(m.isAnnotationPresent(WithDefault.class) || m.getReturnType() == Optional.class)
                        .as("%s.%s: a setting without a default must be Optional", mapping.getName(), m.getName())
                        .isTrue();
            }
        }
    }

    @Test
    void applicationPropertiesSetsNoServiceDefaultButTheEmbeddedDatabases() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("application.properties")) {
            properties.load(in);
        }
        // the embedded database's keys are read while the configuration is built, before any mapping exists
        assertThat(properties.stringPropertyNames())
                .filteredOn(k -> k.startsWith("xborder.") && !k.startsWith("xborder.embedded-db."))
                .as("xborder.* defaults belong in their @ConfigMapping (profile overrides such as %test. may stay)")
                .isEmpty();
    }

    @Test
    void withNothingSetTheDefaultsAreTheDocumentedOnes() {
        SmallRyeConfig config = config(Map.of());
        assertThat(config.getConfigMapping(LimitsConfig.class).maxTextChars()).isEqualTo(2_000_000);
        IngestConfig.Files files = config.getConfigMapping(IngestConfig.Files.class);
        assertThat(files.maxFileSize().asLongValue()).isEqualTo(10L * 1024 * 1024);
        assertThat(files.maxFiles()).isEqualTo(50);
        assertThat(files.maxPages()).isEqualTo(1000);
        assertThat(files.extractTimeout()).isEqualTo(Duration.ofSeconds(30));
        IngestConfig.Fetch fetch = config.getConfigMapping(IngestConfig.Fetch.class);
        assertThat(fetch.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(fetch.readTimeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(fetch.maxRedirects()).isEqualTo(5);
        assertThat(fetch.allow()).isEmpty();
        JobsConfig jobs = config.getConfigMapping(JobsConfig.class);
        assertThat(jobs.workers()).isEqualTo(2);
        assertThat(jobs.pollInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(jobs.lease()).isEqualTo(Duration.ofSeconds(60));
        assertThat(jobs.maxAttempts()).isEqualTo(3);
        assertThat(jobs.shutdownGrace()).isEqualTo(Duration.ofSeconds(20));
        assertThat(jobs.retryBackoff()).isEqualTo(Duration.ofSeconds(2));
        assertThat(jobs.retryBackoffMax()).isEqualTo(Duration.ofMinutes(1));
        assertThat(jobs.stallTimeout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(jobs.maxItems()).isEqualTo(10_000);
        assertThat(jobs.instanceId()).isEmpty();
        assertThat(config.getConfigMapping(FeedsConfig.class).checkEvery()).isEqualTo("30s");
        assertThat(config.getConfigMapping(FeedsConfig.class).initialDelay()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.getConfigMapping(BoilerplateConfig.class).repeatedLineDocuments()).isEqualTo(3);
        assertThat(config.getConfigMapping(FindingsConfig.class).countCap()).isEqualTo(1000);
        assertThat(config.getConfigMapping(FindingsConfig.class).countCache()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.getConfigMapping(DemoConfig.class).enabled()).isEqualTo("auto");
        assertThat(config.getConfigMapping(DemoConfig.class).embedded()).isFalse();
        SecurityConfig security = config.getConfigMapping(SecurityConfig.class);
        assertThat(security.bootstrapAdminKey()).isEmpty();
        assertThat(security.keyCacheTtl()).isEqualTo(Duration.ofSeconds(30));
        assertThat(security.keyOutageGrace()).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.getConfigMapping(SessionConfig.class).secret()).isEmpty();
        assertThat(config.getConfigMapping(SessionConfig.class).maxAge()).isEqualTo(Duration.ofHours(8));
        AlertsConfig webhooks = config.getConfigMapping(AlertsConfig.class);
        assertThat(webhooks.workers()).isEqualTo(2);
        assertThat(webhooks.maxConsecutiveFailures()).isEqualTo(15);
        assertThat(webhooks.retryBackoff()).isEqualTo(Duration.ofSeconds(5));
        assertThat(webhooks.retryBackoffMax()).isEqualTo(Duration.ofHours(1));
        assertThat(webhooks.timeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(webhooks.allow()).isEmpty();
        assertThat(webhooks.secretKey()).isEmpty();
    }

    @Test
    void theEnvironmentVariablesTheDocumentationNamesSetTheirKeys() {
        // an expression reads any config source, so a property named like the variable stands in for it
        SmallRyeConfig config = config(Map.ofEntries(
                Map.entry("XBORDER_MAX_TEXT_CHARS", "10"),
                Map.entry("XBORDER_MAX_FILE_SIZE", "1M"),
                Map.entry("XBORDER_MAX_FILES", "7"),
                Map.entry("XBORDER_FETCH_ALLOW", "10.0.0.0/8,intranet.example.com"),
                Map.entry("XBORDER_JOB_WORKERS", "0"),
                Map.entry("XBORDER_JOB_STALL_TIMEOUT", "2m"),
                Map.entry("XBORDER_INSTANCE_ID", "pod-1"),
                Map.entry("XBORDER_FEEDS_CHECK_EVERY", "off"),
                Map.entry("XBORDER_REPEATED_LINE_DOCUMENTS", "0"),
                Map.entry("XBORDER_FINDINGS_COUNT_CAP", "10000"),
                Map.entry("XBORDER_FINDINGS_COUNT_CACHE", "0s"),
                Map.entry("XBORDER_DEMO", "false"),
                Map.entry("XBORDER_BOOTSTRAP_ADMIN_KEY", "xb_key"),
                Map.entry("XBORDER_KEY_CACHE_TTL", "5s"),
                Map.entry("XBORDER_KEY_OUTAGE_GRACE", "0s"),
                Map.entry("XBORDER_SESSION_SECRET", "s".repeat(32)),
                Map.entry("XBORDER_SESSION_MAX_AGE", "1H"),
                Map.entry("XBORDER_WEBHOOK_WORKERS", "0"),
                Map.entry("XBORDER_WEBHOOK_MAX_FAILURES", "3"),
                Map.entry("XBORDER_WEBHOOK_ALLOW", "10.0.0.0/8"),
                Map.entry("XBORDER_WEBHOOK_SECRET_KEY", "k".repeat(32))));
        assertThat(config.getConfigMapping(LimitsConfig.class).maxTextChars()).isEqualTo(10);
        assertThat(config.getConfigMapping(IngestConfig.Files.class).maxFileSize().asLongValue()).isEqualTo(1 << 20);
        assertThat(config.getConfigMapping(IngestConfig.Files.class).maxFiles()).isEqualTo(7);
        assertThat(config.getConfigMapping(IngestConfig.Fetch.class).allow())
                .contains(List.of("10.0.0.0/8", "intranet.example.com"));
        assertThat(config.getConfigMapping(JobsConfig.class).workers()).isZero();
        assertThat(config.getConfigMapping(JobsConfig.class).stallTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(config.getConfigMapping(JobsConfig.class).instanceId()).contains("pod-1");
        assertThat(config.getConfigMapping(FeedsConfig.class).checkEvery()).isEqualTo("off");
        assertThat(config.getConfigMapping(BoilerplateConfig.class).repeatedLineDocuments()).isZero();
        assertThat(config.getConfigMapping(FindingsConfig.class).countCap()).isEqualTo(10_000);
        assertThat(config.getConfigMapping(FindingsConfig.class).countCache()).isZero();
        assertThat(config.getConfigMapping(DemoConfig.class).enabled()).isEqualTo("false");
        assertThat(config.getConfigMapping(SecurityConfig.class).bootstrapAdminKey()).contains("xb_key");
        assertThat(config.getConfigMapping(SecurityConfig.class).keyCacheTtl()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.getConfigMapping(SecurityConfig.class).keyOutageGrace()).isZero();
        assertThat(config.getConfigMapping(SessionConfig.class).secret()).contains("s".repeat(32));
        assertThat(config.getConfigMapping(SessionConfig.class).maxAge()).isEqualTo(Duration.ofHours(1));
        AlertsConfig webhooks = config.getConfigMapping(AlertsConfig.class);
        assertThat(webhooks.workers()).isZero();
        assertThat(webhooks.maxConsecutiveFailures()).isEqualTo(3);
        assertThat(webhooks.allow()).contains(List.of("10.0.0.0/8"));
        assertThat(webhooks.secretKey()).contains("k".repeat(32));
    }

    @Test
    void theKeyItselfWinsOverTheVariableAndTheEmbeddedDatabaseGivesTheInstanceId() {
        SmallRyeConfig config = config(Map.of("XBORDER_MAX_TEXT_CHARS", "10", "xborder.limits.max-text-chars", "20",
                "xborder.embedded-db.instance-id", "embedded-1234"));
        assertThat(config.getConfigMapping(LimitsConfig.class).maxTextChars()).isEqualTo(20);
        assertThat(config.getConfigMapping(JobsConfig.class).instanceId()).contains("embedded-1234");
    }

    @Test
    void aValueThatMakesNoSenseStopsTheStartNamingTheKeyAndWhy() {
        assertThatThrownBy(() -> config(Map.of(
                "xborder.limits.max-text-chars", "0",
                "xborder.ingest.max-files", "0",
                "xborder.ingest.extract-threads", "0",
                "xborder.jobs.workers", "-1",
                "xborder.jobs.lease", "0s",
                "xborder.findings.count-cap", "0",
                "xborder.boilerplate.repeated-line-documents", "-1",
                "xborder.demo.enabled", "maybe",
                "xborder.session.secret", "too short")))
                .isInstanceOf(ConfigValidationException.class)
                .hasMessageContaining("xborder.limits.max-text-chars must be greater than 0")
                .hasMessageContaining("xborder.ingest.max-files must be greater than 0")
                .hasMessageContaining("xborder.ingest.extract-threads")
                .hasMessageContaining("xborder.jobs.workers must be greater than or equal to 0")
                .hasMessageContaining("xborder.jobs.lease")
                .hasMessageContaining("xborder.findings.count-cap must be greater than 0")
                .hasMessageContaining("xborder.boilerplate.repeated-line-documents must be greater than or equal to 0")
                .hasMessageContaining("xborder.demo.enabled must be auto, true or false")
                .hasMessageContaining("xborder.session.secret must have at least 32 characters");
        assertThatThrownBy(() -> config(Map.of(
                "xborder.learning.blind-tolerance", "1.5",
                "xborder.learning.poll-interval", "50ms",
                "xborder.webhooks.batch", "0",
                "xborder.webhooks.secret-key", "short",
                "xborder.fetch.max-redirects", "-1")))
                .isInstanceOf(ConfigValidationException.class)
                .hasMessageContaining("xborder.learning.blind-tolerance must be between 0.0 and 1.0")
                .hasMessageContaining("xborder.learning.poll-interval must be at least 100 ms")
                .hasMessageContaining("xborder.webhooks.batch must be greater than 0")
                .hasMessageContaining("xborder.webhooks.secret-key must have at least 32 characters")
                .hasMessageContaining("xborder.fetch.max-redirects must be greater than or equal to 0");
    }

    @Test
    void theBoundsAcceptTheirEdgesAndAnyCase() {
        SmallRyeConfig config = config(Map.of("xborder.jobs.workers", "0", "xborder.jobs.lease", "1ms",
                "xborder.ingest.extract-threads", "1", "xborder.ingest.extract-queue", "0",
                "xborder.learning.blind-tolerance", "1", "xborder.learning.poll-interval", "100ms",
                "xborder.demo.enabled", "TRUE", "xborder.session.secret", "s".repeat(32)));
        assertThat(config.getConfigMapping(JobsConfig.class).lease()).isEqualTo(Duration.ofMillis(1));
        assertThat(config.getConfigMapping(DemoConfig.class).enabled()).isEqualTo("TRUE");
    }

    @Test
    void everyBoundNamesASettingOfItsMapping() {
        SmallRyeConfig config = config(Map.of());
        List<String> checked = new ArrayList<>();
        for (Class<?> mapping : MAPPINGS) {
            String prefix = mapping.getAnnotation(ConfigMapping.class).prefix();
            List<String> keys = settings(mapping).stream().map(m -> prefix + "." + kebab(m.getName())).toList();
            List<String> named = Limits.of(prefix, config.getConfigMapping(mapping)).checked();
            assertThat(keys).as("settings of %s", mapping.getName()).containsAll(named);
            checked.addAll(named);
        }
        assertThat(checked).contains("xborder.limits.max-text-chars", "xborder.jobs.workers", "xborder.demo.enabled",
                "xborder.session.secret", "xborder.webhooks.secret-key", "xborder.learning.blind-tolerance");
    }

    @Test
    void noMappingUsesBeanValidationWhichWouldBuildAValidatorFactoryAtEveryStart() {
        for (Class<?> mapping : MAPPINGS) {
            for (Method m : settings(mapping)) {
                assertThat(Stream.concat(typeAnnotations(m.getAnnotatedReturnType()), Stream.of(m.getAnnotations())))
                        .as("%s.%s: bounds go in checkBounds (Limits)", mapping.getName(), m.getName())
                        .noneMatch(a -> a.annotationType().getName().startsWith("jakarta.validation.")
                                || a.annotationType().getName().startsWith("org.hibernate.validator."));
            }
        }
    }

    /** The settings of a mapping: its abstract methods (default methods such as checkBounds are not mapped). */
    private static List<Method> settings(Class<?> mapping) {
        return Stream.of(mapping.getDeclaredMethods()).filter(m -> !m.isDefault() && !m.isSynthetic()).toList();
    }

    private static String kebab(String name) {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    private static Stream<Annotation> typeAnnotations(AnnotatedType type) {
        Stream<Annotation> own = Stream.of(type.getAnnotations());
        if (type instanceof AnnotatedParameterizedType p) {
            return Stream.concat(own, Stream.of(p.getAnnotatedActualTypeArguments())
                    .flatMap(ConfigMappingsTest::typeAnnotations));
        }
        return own;
    }
}
