package org.selfsup4j.encoders;

import ai.djl.nn.Block;
import java.util.List;
import org.selfsup4j.core.Checks;
import org.selfsup4j.core.SelfsupException;
import org.selfsup4j.core.SpecType;

/**
 * A Vision Transformer backbone (Dosovitskiy et al., ICLR 2021), built as a {@link VisionTransformer}:
 * non-overlapping {@code patch×patch} patches linearly embedded to {@code width}, a learned CLS token and
 * learned positional embeddings, {@code depth} pre-norm transformer layers ({@code heads} heads, MLP
 * {@code mlp_ratio·width} with GELU), a final LayerNorm, and the CLS token or the mean of the patch
 * tokens as the representation; output {@code (N, width)}. MAE uses this same ViT.
 *
 * <p>Parameters: patch embedding {@code (C·p² + 1)·D}, CLS {@code D}, positions {@code (1 + T)·D} with
 * {@code T = (H/p)(W/p)}, per layer {@code 4D (two LayerNorms) + (D + 1)·3D + (D + 1)·D + (D + 1)·mD +
 * (mD + 1)·D}, final LayerNorm {@code 2D}.
 *
 * @param patch the patch side p (H and W must be multiples), default 4 (49 patches on 28×28)
 * @param depth the number of transformer layers, default 6
 * @param width the token width D, a multiple of {@code heads}, default 192
 * @param heads the attention heads, default 3
 * @param mlpRatio the MLP width as a multiple of D, default 4
 * @param pooling {@code cls} (default) or {@code mean}
 */
@SpecType(value = "vit", doc = "Vision Transformer: patch embedding, CLS token, pre-norm layers, cls or mean pooling")
public record VitSpec(int patch, int depth, int width, int heads, int mlpRatio, String pooling) implements EncoderSpec {
    private static final List<String> POOLINGS = List.of("cls", "mean");

    /** Validates the sizes. */
    public VitSpec {
        Checks.atLeast("patch", patch, 1);
        Checks.atLeast("depth", depth, 1);
        Checks.atLeast("heads", heads, 1);
        Checks.atLeast("width", width, 1);
        Checks.atLeast("mlp_ratio", mlpRatio, 1);
        if (width % heads != 0) {
            throw SelfsupException.of("width", "", "a multiple of heads (" + heads + ")", width, null);
        }
        Checks.oneOf("pooling", pooling, POOLINGS);
    }

    /** @return ViT-Tiny-like for 28×28: patch 4, depth 6, width 192, 3 heads, MLP ×4, CLS pooling */
    public static VitSpec defaults() {
        return new VitSpec(4, 6, 192, 3, 4, "cls");
    }

    @Override
    public Block build() {
        return new VisionTransformer(this);
    }

    @Override
    public int featureDim() {
        return width;
    }
}
