package org.selfsup4j.autoencoders;

import ai.djl.nn.Block;
import java.util.List;
import org.selfsup4j.core.Checks;
import org.selfsup4j.core.SelfsupException;
import org.selfsup4j.core.SpecType;
import org.selfsup4j.encoders.EncoderSpec;

/**
 * A dense autoencoder encoder ({@link CodeEncoder}): the flattened image, {@code h_l = s(W_l h_{l−1} + b_l)}
 * for each width, then the code {@code h = s_code(W_code h_L + b_code)} of dimension q. With no widths
 * and {@code code_activation: identity} it is linear, {@code h = Wx + b} (the linear AE, PCA's encoder);
 * with no widths and sigmoid or tanh it is the one-layer encoder of the contractive penalty's closed
 * form. The decoder of every autoencoder method mirrors it. Parameters:
 * {@code Σ_l (h_{l−1} + 1)·h_l + (h_L + 1)·q}, {@code h_0 = C·H·W}.
 *
 * @param widths the hidden widths, 0 to 8 layers, default {@code [512]}
 * @param code q, the code dimension, default 64
 * @param activation the hidden layers' activation ({@code relu}, {@code sigmoid}, {@code tanh},
 *     {@code identity}), default relu
 * @param codeActivation the code's activation, default identity
 */
@SpecType(value = "ae_mlp", doc = "autoencoder encoder: dense layers on flattened pixels, then a code layer")
public record AeMlpSpec(List<Integer> widths, int code, String activation, String codeActivation) implements EncoderSpec {
    /** Validates every field. */
    public AeMlpSpec {
        widths = List.copyOf(widths);
        if (widths.size() > 8) {
            throw SelfsupException.of("widths", "", "a list of 0 to 8 widths", widths, null);
        }
        for (int w : widths) {
            Checks.atLeast("widths", w, 1);
        }
        Checks.atLeast("code", code, 1);
        CodeActivation.parse("activation", activation);
        CodeActivation.parse("code_activation", codeActivation);
    }

    /** @return one hidden layer of 512 ReLUs and a linear 64-d code */
    public static AeMlpSpec defaults() {
        return new AeMlpSpec(List.of(512), 64, "relu", "identity");
    }

    @Override
    public Block build() {
        return new CodeEncoder(null, widths, code, CodeActivation.parse("activation", activation),
                CodeActivation.parse("code_activation", codeActivation));
    }

    @Override
    public int featureDim() {
        return code;
    }
}
