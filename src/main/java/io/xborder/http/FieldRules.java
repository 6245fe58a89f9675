package io.xborder.http;

import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.util.List;

/**
 * Rules between the fields of a bean (a date range, an offset limit), checked with its other constraints and each
 * reported on the field it concerns, as a constraint on that field would be. The bean says which rules it breaks.
 */
@Documented
@Target(TYPE)
@Retention(RUNTIME)
@Constraint(validatedBy = FieldRules.Check.class)
public @interface FieldRules {

    String message() default "breaks a rule between fields";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** A bean with rules between its fields. */
    interface Subject {

        /** The rules it breaks, each with the field it concerns; empty when it breaks none. */
        List<Problem.FieldError> brokenRules();
    }

    /** Reports every broken rule on its field. */
    class Check implements ConstraintValidator<FieldRules, Subject> {

        @Override
        public boolean isValid(Subject bean, ConstraintValidatorContext context) {
            List<Problem.FieldError> broken = bean == null ? List.of() : bean.brokenRules();
            if (broken.isEmpty()) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            for (Problem.FieldError rule : broken) {
                // a message, not a template: nothing in it is interpolated
                context.buildConstraintViolationWithTemplate(rule.message().replaceAll("([{}$\\\\])", "\\\\$1"))
                        .addPropertyNode(rule.field()).addConstraintViolation();
            }
            return false;
        }
    }
}
