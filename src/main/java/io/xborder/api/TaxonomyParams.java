package io.xborder.api;

import io.xborder.classify.Jurisdiction;
import io.xborder.classify.Language;
import io.xborder.http.WireType;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * The taxonomy's values that parameters carry besides its enums: a language by its code ("en", also "EN" or "zh-CN"),
 * a jurisdiction by its ISO 3166-1 alpha-2 code or EU (any case). Parameters of these types are read and checked by
 * the framework, as the enums are.
 */
@Dependent
public class TaxonomyParams {

    @Produces
    @Singleton
    WireType<Language> language() {
        return new WireType<>() {

            @Override
            public Class<Language> type() {
                return Language.class;
            }

            @Override
            public Optional<Language> read(String value) {
                return Language.fromCode(value);
            }

            @Override
            public String expected() {
                return Language.EXPECTED;
            }

            @Override
            public String write(Language value) {
                return value.code();
            }
        };
    }

    @Produces
    @Singleton
    WireType<Jurisdiction> jurisdiction() {
        return new WireType<>() {

            @Override
            public Class<Jurisdiction> type() {
                return Jurisdiction.class;
            }

            @Override
            public Optional<Jurisdiction> read(String value) {
                return Jurisdiction.of(value);
            }

            @Override
            public String expected() {
                return Jurisdiction.EXPECTED;
            }
        };
    }
}
