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
import io.smallrye.config.WithDefault;
import io.smallrye.config.validator.BeanValidationConfigValidator;
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
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.Test;

/**
 * The service's settings: one {@code @ConfigMapping} per prefix, each default written once (in the mapping, with
 * the environment variable the documentation names), and a value that makes no sense stops the start with the key
 * and the reason. Checked on SmallRye Config alone, with Quarkus' converters and Bean Validation, as Quarkus
 * validates the mappings at start.
 */
class ConfigMappingsTest {

    private static final Validator VALIDATOR = Validation.byDefaultProvider().configure()
            .messageInterpolator(new ParameterMessageInterpolator()).buildValidatorFactory().getValidator();

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
                .withConverter(MemorySize.class, 200, new MemorySizeConverter())
                .withValidator(new BeanValidationConfigValidator() {

                    @Override
                    public Validator getValidator() {
                        return VALIDATOR;
                    }
                });
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
            for (Method m : mapping.getDeclaredMethods()) {
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
    }
}
