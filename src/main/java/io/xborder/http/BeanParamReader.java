package io.xborder.http;

import jakarta.inject.Singleton;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;
import jakarta.validation.Validator;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MultivaluedMap;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Reads a {@code @BeanParam} type from a query string as the framework reads it for the API, with the same
 * {@link ParamConverters} and the same constraints, for a page that shows what is wrong next to its form instead of
 * answering 400: a value that cannot be read or that breaks a constraint is reported and left out.
 */
@Singleton
public class BeanParamReader {

    /**
     * The bean as read; the raw value of every query parameter it declares, by name in declaration order ("" when
     * absent or left out); and what was wrong, by parameter name.
     */
    public record Read<T>(T bean, Map<String, String> values, List<Problem.FieldError> errors) {
    }

    /** A query parameter of the bean: the fields that lead to it from the bean, and its name. */
    private record Param(List<Field> path, String name) {

        String javaPath() {
            StringJoiner p = new StringJoiner(".");
            path.forEach(f -> p.add(f.getName()));
            return p.toString();
        }

        Class<?> type() {
            return path.get(path.size() - 1).getType();
        }

        void set(Object bean, Object value) {
            try {
                Object target = bean;
                for (Field f : path.subList(0, path.size() - 1)) {
                    Object next = f.get(target);
                    if (next == null) {
                        next = create(f.getType());
                        f.set(target, next);
                    }
                    target = next;
                }
                path.get(path.size() - 1).set(target, value);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private final ParamConverters converters;
    private final Validator validator;

    public BeanParamReader(ParamConverters converters, Validator validator) {
        this.converters = converters;
        this.validator = validator;
    }

    public <T> Read<T> read(Class<T> type, MultivaluedMap<String, String> query) {
        T bean = create(type);
        List<Param> params = new ArrayList<>();
        collect(type, List.of(), params);
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, Param> byJavaPath = new LinkedHashMap<>();
        List<Problem.FieldError> errors = new ArrayList<>();
        for (Param p : params) {
            byJavaPath.put(p.javaPath(), p);
            String raw = query.getFirst(p.name());
            values.put(p.name(), raw == null ? "" : raw.strip());
            if (raw == null) {
                continue;
            }
            try {
                Object value = p.type() == String.class ? raw : converters.read(p.type(), p.name(), raw);
                if (value != null) {
                    p.set(bean, value);
                }
            } catch (ProblemException e) {
                errors.addAll(e.errors());
                values.put(p.name(), "");
            }
        }
        List<ConstraintViolation<T>> violations = new ArrayList<>(validator.validate(bean));
        violations.sort(Comparator.comparing(v -> v.getPropertyPath().toString()));
        for (ConstraintViolation<T> v : violations) {
            Param p = byJavaPath.get(v.getPropertyPath().toString());
            if (p == null) {
                errors.add(new Problem.FieldError(leaf(v.getPropertyPath()), v.getMessage()));
                continue;
            }
            errors.add(new Problem.FieldError(p.name(), v.getMessage()));
            p.set(bean, null);
            values.put(p.name(), "");
        }
        return new Read<>(bean, values, errors);
    }

    /** The query parameters a bean type declares, those of its {@code @BeanParam} fields included. */
    private static void collect(Class<?> type, List<Field> prefix, List<Param> out) {
        for (Field f : type.getDeclaredFields()) {
            List<Field> path = new ArrayList<>(prefix);
            path.add(f);
            if (f.isAnnotationPresent(QueryParam.class)) {
                f.setAccessible(true);
                out.add(new Param(List.copyOf(path), ParamConverters.name(f.getAnnotations())));
            } else if (f.isAnnotationPresent(BeanParam.class)) {
                f.setAccessible(true);
                collect(f.getType(), path, out);
            }
        }
    }

    private static String leaf(Path path) {
        String name = "";
        for (Path.Node node : path) {
            name = node.getName() == null ? name : node.getName();
        }
        return name;
    }

    private static <T> T create(Class<T> type) {
        try {
            var constructor = type.getDeclaredConstructor();
            constructor.setAccessible(true);
            return constructor.newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(type + " needs a constructor without parameters", e);
        }
    }
}
