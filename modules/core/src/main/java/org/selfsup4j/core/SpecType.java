package org.selfsup4j.core;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a spec record with its stable snake_case {@code type} name and a one-line description
 * (DESIGN.md principle 5). Recipes select implementations by this name through the recipe module's
 * registry, never by class name.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface SpecType {
    /** @return the {@code type} name used in recipes, e.g. {@code random_resized_crop} */
    String value();

    /** @return a one-line description */
    String doc() default "";
}
