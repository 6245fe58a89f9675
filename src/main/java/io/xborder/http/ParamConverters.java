package io.xborder.http;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.MatrixParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.jboss.resteasy.reactive.RestCookie;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestMatrix;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * Reads the parameters of the service's types from their wire form: enums by constant name (as the taxonomy spells
 * them), integers, finite numbers, flags (true/false, 1/0, yes/no), ISO dates (a date-time counts as its date), and
 * the features' own {@link WireType}s. A blank value is absent. A value that is none of these is a 400 naming the
 * parameter ({@link ProblemException#invalid(String, String)}): the framework wraps what a converter throws in a 404
 * for a path or query parameter, and {@link ProblemMapper} answers the problem inside instead.
 */
@Provider
public class ParamConverters implements ParamConverterProvider {

    /** What a date parameter or field must be, for messages. */
    static final String DATE = "an ISO date such as 2024-05-01";

    private record Reader(Function<String, Optional<?>> read, String expected, Object absent) {
    }

    private final Map<Class<?>, WireType<?>> featureTypes = new HashMap<>();

    @Inject
    public ParamConverters(Instance<WireType<?>> types) {
        this((Iterable<WireType<?>>) types);
    }

    ParamConverters(Iterable<WireType<?>> types) {
        for (WireType<?> type : types) {
            featureTypes.put(type.type(), type);
        }
    }

    @Override
    public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType, Annotation[] annotations) {
        Reader reader = reader(rawType);
        if (reader == null) {
            return null;
        }
        String name = name(annotations);
        return new ParamConverter<>() {

            @Override
            public T fromString(String value) {
                return read(rawType, reader, name, value);
            }

            @Override
            public String toString(T value) {
                return write(value);
            }
        };
    }

    /** Whether parameters of this type are read here. */
    public boolean reads(Class<?> type) {
        return reader(type) != null;
    }

    /**
     * A parameter value as {@code type}: null when absent or blank (false or zero for a primitive), 400 naming
     * {@code name} when it is none.
     */
    public <T> T read(Class<T> type, String name, String value) {
        Reader reader = reader(type);
        if (reader == null) {
            throw new IllegalArgumentException("no reader for " + type);
        }
        return read(type, reader, name, value);
    }

    @SuppressWarnings("unchecked")
    private static <T> T read(Class<T> type, Reader reader, String name, String value) {
        if (value == null || value.isBlank()) {
            return (T) reader.absent();
        }
        String v = value.trim();
        return (T) reader.read().apply(v).orElseThrow(() -> ProblemException.invalid(name,
                "must be " + reader.expected() + ", not '" + WireValues.clip(v) + "'"));
    }

    @SuppressWarnings({ "unchecked", "rawtypes" })
    private String write(Object value) {
        if (value == null) {
            return null;
        }
        WireType type = featureTypes.get(value.getClass());
        if (type != null) {
            return type.write(value);
        }
        return value instanceof Enum<?> e ? e.name() : value.toString();
    }

    @SuppressWarnings({ "unchecked", "rawtypes" })
    private Reader reader(Class<?> type) {
        WireType<?> own = featureTypes.get(type);
        if (own != null) {
            return new Reader(v -> own.read(v), own.expected(), null);
        }
        if (type.isEnum()) {
            Class<? extends Enum> enumType = (Class<? extends Enum>) type;
            return new Reader(v -> {
                try {
                    return Optional.of(Enum.valueOf(enumType, v));
                } catch (IllegalArgumentException e) {
                    return Optional.empty();
                }
            }, "one of " + Arrays.toString(type.getEnumConstants()), null);
        }
        if (type == Long.class || type == long.class) {
            return new Reader(v -> number(v, Long::valueOf), "an integer", type == long.class ? 0L : null);
        }
        if (type == Integer.class || type == int.class) {
            return new Reader(v -> number(v, Integer::valueOf), "an integer", type == int.class ? 0 : null);
        }
        if (type == Double.class || type == double.class) {
            return new Reader(v -> number(v, Double::valueOf).filter(d -> Double.isFinite(d)), "a number",
                    type == double.class ? 0.0 : null);
        }
        if (type == Boolean.class || type == boolean.class) {
            return new Reader(ParamConverters::flag, "true or false", type == boolean.class ? false : null);
        }
        if (type == LocalDate.class) {
            return new Reader(ParamConverters::date, DATE, null);
        }
        return null;
    }

    private static <N> Optional<N> number(String value, Function<String, N> parse) {
        try {
            return Optional.of(parse.apply(value));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Optional<Boolean> flag(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes" -> Optional.of(true);
            case "false", "0", "no" -> Optional.of(false);
            default -> Optional.empty();
        };
    }

    /** A date, or the date of an offset date-time (2024-05-01T10:00:00Z). */
    static Optional<LocalDate> date(String value) {
        try {
            return Optional
                    .of(value.length() > 10 ? OffsetDateTime.parse(value).toLocalDate() : LocalDate.parse(value));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** The name of the parameter the annotations declare; "parameter" when they name none. */
    static String name(Annotation[] annotations) {
        for (Annotation a : annotations == null ? new Annotation[0] : annotations) {
            String name = "";
            if (a instanceof QueryParam q) {
                name = q.value();
            } else if (a instanceof PathParam p) {
                name = p.value();
            } else if (a instanceof FormParam f) {
                name = f.value();
            } else if (a instanceof HeaderParam h) {
                name = h.value();
            } else if (a instanceof CookieParam c) {
                name = c.value();
            } else if (a instanceof MatrixParam m) {
                name = m.value();
            } else if (a instanceof RestQuery q) {
                name = q.value();
            } else if (a instanceof RestPath p) {
                name = p.value();
            } else if (a instanceof RestForm f) {
                name = f.value();
            } else if (a instanceof RestHeader h) {
                name = h.value();
            } else if (a instanceof RestCookie c) {
                name = c.value();
            } else if (a instanceof RestMatrix m) {
                name = m.value();
            }
            if (!name.isEmpty()) {
                return name;
            }
        }
        return "parameter";
    }
}
