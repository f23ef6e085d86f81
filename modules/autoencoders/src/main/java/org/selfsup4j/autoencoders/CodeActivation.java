package org.selfsup4j.autoencoders;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.selfsup4j.core.Checks;
import org.selfsup4j.core.Scalars;

/**
 * The elementwise nonlinearities of autoencoder layers, with the derivative each one has in terms of
 * its own output {@code h = s(a)} (which is what the contractive penalty's Jacobian needs):
 * {@code identity: 1}, {@code relu: [h > 0]}, {@code sigmoid: h(1 − h)}, {@code tanh: 1 − h²}.
 */
public enum CodeActivation {
    /** {@code s(a) = a}. */
    IDENTITY,
    /** {@code s(a) = max(a, 0)}. */
    RELU,
    /** {@code s(a) = 1 / (1 + e^{−a})}. */
    SIGMOID,
    /** {@code s(a) = tanh(a)}. */
    TANH;

    /** @return the recipe names, lower case */
    public static List<String> names() {
        return Arrays.stream(values()).map(CodeActivation::recipeName).toList();
    }

    /**
     * @param where the recipe key, for errors
     * @param name a recipe name
     * @return the activation
     */
    public static CodeActivation parse(String where, String name) {
        return valueOf(Checks.oneOf(where, name, names()).toUpperCase(Locale.ROOT));
    }

    /** @return the recipe name */
    public String recipeName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param a pre-activations
     * @return {@code s(a)}
     */
    public NDArray apply(NDArray a) {
        return switch (this) {
            case IDENTITY -> a;
            case RELU -> Activation.relu(a);
            case SIGMOID -> Activation.sigmoid(a);
            case TANH -> Activation.tanh(a);
        };
    }

    /**
     * @param h outputs {@code s(a)}
     * @return {@code s'(a)} written through {@code h}, same shape
     */
    public NDArray derivative(NDArray h) {
        return switch (this) {
            case IDENTITY -> h.onesLike();
            case RELU -> h.gt(Scalars.of(h, 0)).toType(h.getDataType(), false);
            case SIGMOID -> h.mul(Scalars.mul(h, -1).add(Scalars.of(h, 1)));
            case TANH -> Scalars.mul(h.square(), -1).add(Scalars.of(h, 1));
        };
    }
}
