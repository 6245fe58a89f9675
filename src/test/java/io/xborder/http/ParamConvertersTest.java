package io.xborder.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.ext.ParamConverter;
import java.lang.annotation.Annotation;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The parameter types the service reads and the 400 naming the parameter when a value is none of them. */
class ParamConvertersTest {

    enum Colour {
        RED, GREEN
    }

    record Code(String value) {
    }

    static final WireType<Code> CODES = new WireType<>() {

        @Override
        public Class<Code> type() {
            return Code.class;
        }

        @Override
        public Optional<Code> read(String value) {
            return value.equals("ok") ? Optional.of(new Code(value)) : Optional.empty();
        }

        @Override
        public String expected() {
            return "ok";
        }
    };

    final ParamConverters converters = new ParamConverters(List.<WireType<?>>of(CODES));

    @Test
    void readsEnumsNumbersFlagsDatesAndFeatureTypes() {
        assertThat(converters.read(Colour.class, "c", " GREEN ")).isEqualTo(Colour.GREEN);
        assertThat(converters.read(long.class, "id", "42")).isEqualTo(42L);
        assertThat(converters.read(Integer.class, "size", "7")).isEqualTo(7);
        assertThat(converters.read(Double.class, "min", "0.5")).isEqualTo(0.5);
        assertThat(converters.read(boolean.class, "explain", "yes")).isTrue();
        assertThat(converters.read(Boolean.class, "explain", "0")).isFalse();
        assertThat(converters.read(LocalDate.class, "from", "2024-05-01")).isEqualTo(LocalDate.of(2024, 5, 1));
        assertThat(converters.read(LocalDate.class, "from", "2024-05-01T23:00:00-05:00"))
                .isEqualTo(LocalDate.of(2024, 5, 1));
        assertThat(converters.read(Code.class, "code", "ok")).isEqualTo(new Code("ok"));
        assertThat(converters.reads(String.class)).isFalse();
    }

    @Test
    void blankIsAbsent() {
        assertThat(converters.read(Colour.class, "c", " ")).isNull();
        assertThat(converters.read(Long.class, "documentId", "")).isNull();
        assertThat(converters.read(boolean.class, "explain", "")).isFalse();
        assertThat(converters.read(long.class, "id", "")).isZero();
    }

    @Test
    void aValueThatIsNoneIsA400NamingTheParameter() {
        assertInvalid(Colour.class, "colour", "red", "must be one of [RED, GREEN], not 'red'");
        assertInvalid(long.class, "id", "1.5", "must be an integer, not '1.5'");
        assertInvalid(long.class, "id", "99999999999999999999999", "must be an integer");
        assertInvalid(Double.class, "minConfidence", "NaN", "must be a number, not 'NaN'");
        assertInvalid(Boolean.class, "explain", "maybe", "must be true or false, not 'maybe'");
        assertInvalid(LocalDate.class, "to", "tomorrow", "must be an ISO date such as 2024-05-01, not 'tomorrow'");
        assertInvalid(Code.class, "code", "nope", "must be ok, not 'nope'");
    }

    @Test
    void theFrameworksConverterNamesTheParameterItsAnnotationsDeclare() {
        ParamConverter<Long> id = converters.getConverter(Long.class, Long.class,
                new Annotation[] { path("documentId") });
        assertThat(id.fromString("7")).isEqualTo(7L);
        assertThatThrownBy(() -> id.fromString("x")).isInstanceOfSatisfying(ProblemException.class,
                e -> assertThat(e.errors()).extracting(Problem.FieldError::field).containsExactly("documentId"));
        ParamConverter<Colour> colour = converters.getConverter(Colour.class, Colour.class,
                new Annotation[] { query("colour") });
        assertThat(colour.toString(Colour.RED)).isEqualTo("RED");
        assertThat(converters.getConverter(String.class, String.class, new Annotation[0])).isNull();
    }

    private void assertInvalid(Class<?> type, String name, String value, String message) {
        assertThatThrownBy(() -> converters.read(type, name, value)).isInstanceOfSatisfying(ProblemException.class,
                e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.errors()).hasSize(1);
                    assertThat(e.errors().get(0).field()).isEqualTo(name);
                    assertThat(e.errors().get(0).message()).startsWith(message);
                });
    }

    private static QueryParam query(String name) {
        return new QueryParam() {

            @Override
            public Class<? extends Annotation> annotationType() {
                return QueryParam.class;
            }

            @Override
            public String value() {
                return name;
            }
        };
    }

    private static PathParam path(String name) {
        return new PathParam() {

            @Override
            public Class<? extends Annotation> annotationType() {
                return PathParam.class;
            }

            @Override
            public String value() {
                return name;
            }
        };
    }
}
