package org.selfsup4j.app;

import java.util.List;
import org.selfsup4j.augment.Normalize;
import org.selfsup4j.core.Checks;
import org.selfsup4j.core.SelfsupException;
import org.selfsup4j.encoders.ModelSpec;

/**
 * The description of an exported encoder ({@code encoder.yaml}).
 *
 * @param model the model spec it was trained with (the encoder is {@code model.encoder})
 * @param input the input shape {@code [C, H, W]} it was initialised with
 * @param normalize the input normalisation applied before the encoder, or {@code null}
 */
public record ExportedEncoderSpec(ModelSpec model, List<Integer> input, Normalize normalize) {
    /** Validates the input shape. */
    public ExportedEncoderSpec {
        input = List.copyOf(input);
        if (input.size() != 3) {
            throw SelfsupException.of("input", "", "[C, H, W]", input, null);
        }
        for (int v : input) {
            Checks.atLeast("input", v, 1);
        }
    }

    /** @return the feature dimension of the encoder */
    public int featureDim() {
        return model.encoder().featureDim();
    }
}
