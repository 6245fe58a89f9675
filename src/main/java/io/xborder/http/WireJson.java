package io.xborder.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * JSON bodies read the values that parameters carry the way {@link ParamConverters} reads them: the features'
 * {@link WireType}s (a language by its code, a jurisdiction in any case), a date as an ISO date or date-time, an enum
 * only by its name (never by its index). A blank string is absent. A string that is none of them is an
 * {@link InvalidValue}, which {@link ProblemMapper} answers with a 400 naming the field, as for a parameter.
 * Applied after every other customizer, so these readers win over the JSON provider's own.
 */
@Singleton
public class WireJson implements ObjectMapperCustomizer {

    /** A JSON string that is not a value of its field's type; the message says what it must be. */
    public static class InvalidValue extends InvalidFormatException {

        private static final long serialVersionUID = 1L;

        InvalidValue(JsonParser p, String message, String value, Class<?> type) {
            super(p, message, value, type);
        }
    }

    private final List<WireType<?>> types = new ArrayList<>();

    public WireJson(Instance<WireType<?>> types) {
        types.forEach(this.types::add);
    }

    @Override
    public int priority() {
        return MINIMUM_PRIORITY;
    }

    @Override
    public void customize(ObjectMapper mapper) {
        SimpleModule module = new SimpleModule("xborder-wire-values");
        for (WireType<?> type : types) {
            add(module, type);
        }
        module.addDeserializer(LocalDate.class,
                new Reader<>(LocalDate.class, ParamConverters::date, ParamConverters.DATE));
        mapper.registerModule(module);
        mapper.coercionConfigFor(LogicalType.Enum).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
    }

    private static <T> void add(SimpleModule module, WireType<T> type) {
        module.addDeserializer(type.type(), new Reader<>(type.type(), type::read, type.expected()));
    }

    private static final class Reader<T> extends StdScalarDeserializer<T> {

        private static final long serialVersionUID = 1L;

        private final transient Function<String, Optional<T>> read;
        private final String expected;

        Reader(Class<T> type, Function<String, Optional<T>> read, String expected) {
            super(type);
            this.read = read;
            this.expected = expected;
        }

        @Override
        @SuppressWarnings("unchecked")
        public T deserialize(JsonParser p, DeserializationContext context) throws IOException {
            if (!p.hasToken(JsonToken.VALUE_STRING)) {
                return (T) context.handleUnexpectedToken(handledType(), p);
            }
            String value = p.getText().trim();
            if (value.isEmpty()) {
                return null;
            }
            Optional<T> read = this.read.apply(value);
            if (read.isEmpty()) {
                throw new InvalidValue(p, "must be " + expected + ", not '" + WireValues.clip(value) + "'", value,
                        handledType());
            }
            return read.get();
        }
    }
}
