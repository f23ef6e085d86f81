package org.selfsup4j.autoencoders;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import java.util.List;
import org.selfsup4j.core.Checks;
import org.selfsup4j.core.Scalars;
import org.selfsup4j.core.SelfsupException;

/**
 * The reconstruction cost {@code L(x, g(h))} of an autoencoder. It is computed from the decoder's
 * logits ℓ and the clean images x, both {@code (N, C, H, W)}, summed over pixels per image:
 * <ul>
 *   <li>{@code bce}: binary cross-entropy with a sigmoid output, for inputs in [0, 1], in the stable form
 *       {@code Σ_i [max(ℓ_i, 0) − ℓ_i x_i + log(1 + e^{−|ℓ_i|})]} (the Bernoulli decoder's −log p(x|h));</li>
 *   <li>{@code mse}: {@code Σ_i (y_i − x_i)²} with {@code y = σ(ℓ)} ({@code output: sigmoid}) or
 *       {@code y = ℓ} ({@code output: linear}, the linear autoencoder).</li>
 * </ul>
 *
 * @param kind {@code bce} or {@code mse}
 * @param output {@code sigmoid} or {@code linear} ({@code bce} needs sigmoid)
 */
public record ReconstructionLoss(String kind, String output) {
    /** Validates the pair. */
    public ReconstructionLoss {
        Checks.oneOf("reconstruction", kind, List.of("bce", "mse"));
        Checks.oneOf("output", output, List.of("sigmoid", "linear"));
        if (kind.equals("bce") && output.equals("linear")) {
            throw SelfsupException.of("output", "", "sigmoid with reconstruction bce", "'linear'",
                    "binary cross-entropy needs outputs in (0, 1)");
        }
    }

    /**
     * @param logits the decoder's output
     * @return the reconstruction in pixel space
     */
    public NDArray reconstruct(NDArray logits) {
        return output.equals("sigmoid") ? Activation.sigmoid(logits) : logits;
    }

    /**
     * @param logits {@code (N, C, H, W)} the decoder's output
     * @param x {@code (N, C, H, W)} the clean images
     * @return {@code (N)} the cost of each image, summed over its pixels
     */
    public NDArray perImage(NDArray logits, NDArray x) {
        NDArray perPixel;
        if (kind.equals("bce")) {
            perPixel = Scalars.maximum(logits, 0).sub(logits.mul(x))
                    .add(Scalars.mul(logits.abs(), -1).exp().add(Scalars.of(logits, 1)).log());
        } else {
            perPixel = reconstruct(logits).sub(x).square();
        }
        return perPixel.reshape(x.getShape().get(0), -1).sum(new int[] {1});
    }

    /**
     * @param logits {@code (N, C, H, W)}
     * @param x {@code (N, C, H, W)}
     * @return the batch mean of {@link #perImage}, a scalar
     */
    public NDArray mean(NDArray logits, NDArray x) {
        return perImage(logits, x).mean();
    }
}
