/**
 * Recipes: YAML with line numbers, includes, spec binding and the registry, overrides, the method
 * contract checked at bind time, resolved-recipe writing, benchmark-suite files, and the component
 * catalogue behind {@code selfsup describe}.
 */
package org.selfsup4j.recipe;
