package org.selfsup4j.augment;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/** Bilinear sampling of a batch at arbitrary per-sample source coordinates, on the device. */
final class Sampling {
    private Sampling() {}

    /**
     * {@code out[n, c, p] = Σ_corners w · x[n, c, y, x]} over the four pixels around {@code (srcY, srcX)}
     * with weights {@code (1 − |Δy|)(1 − |Δx|)}; corners outside the image contribute 0 (zero padding, as
     * {@code grid_sample(padding_mode="zeros")} with pixel-centre coordinates).
     *
     * @param images {@code (N, C, H, W)}
     * @param srcY {@code (N, P)} source rows, {@code P = outH·outW}
     * @param srcX {@code (N, P)} source columns
     * @param outH output height
     * @param outW output width
     * @return {@code (N, C, outH, outW)}
     */
    static NDArray bilinear(NDArray images, NDArray srcY, NDArray srcX, int outH, int outW) {
        long n = images.getShape().get(0);
        long c = images.getShape().get(1);
        int h = (int) images.getShape().get(2);
        int w = (int) images.getShape().get(3);
        NDArray flat = images.reshape(n, c, (long) h * w);
        NDArray y0 = srcY.floor();
        NDArray x0 = srcX.floor();
        NDArray wy = srcY.sub(y0);
        NDArray wx = srcX.sub(x0);
        NDArray out = null;
        for (int dy = 0; dy <= 1; dy++) {
            for (int dx = 0; dx <= 1; dx++) {
                NDArray yy = y0.add((float) dy);
                NDArray xx = x0.add((float) dx);
                NDArray inside = yy.gte(0f).logicalAnd(yy.lte((float) (h - 1))).logicalAnd(xx.gte(0f))
                        .logicalAnd(xx.lte((float) (w - 1))).toType(DataType.FLOAT32, false);
                NDArray weight = (dy == 1 ? wy : wy.neg().add(1f)).mul(dx == 1 ? wx : wx.neg().add(1f)).mul(inside);
                NDArray idx = yy.clip(0f, (float) (h - 1)).mul((float) w).add(xx.clip(0f, (float) (w - 1)))
                        .toType(DataType.INT64, false).expandDims(1).tile(new long[] {1, c, 1});
                NDArray term = flat.gather(idx, 2).mul(weight.expandDims(1));
                out = out == null ? term : out.add(term);
            }
        }
        return out.reshape(n, c, outH, outW);
    }
}
