package org.selfsup4j.augment;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import java.util.SplittableRandom;
import org.selfsup4j.core.Checks;
import org.selfsup4j.core.Permutation;
import org.selfsup4j.core.SpecType;

/**
 * Colour jitter (torchvision {@code ColorJitter} inside {@code RandomApply} with probability {@code p}),
 * with per-image factors: brightness {@code b ~ U(max(0, 1 − B), 1 + B)}: {@code x·b}; contrast
 * {@code c ~ U(max(0, 1 − C), 1 + C)}: {@code c·x + (1 − c)·mean(Y)}, the mean of the image's luminance;
 * saturation {@code s ~ U(max(0, 1 − S), 1 + S)}: {@code s·x + (1 − s)·Y}; hue {@code h ~ U(−H, H)}: the
 * HSV hue turned by h of a full circle. Each result is clipped to [0, 1]. The four run in an order
 * drawn once per batch from the view's stream (torchvision draws it per call, Kornia per batch).
 *
 * <p>On one-channel images saturation and hue do nothing (as torchvision), so with p = 0.8 this is
 * the brightness/contrast jitter suited to grayscale data. The random numbers are drawn either way, so
 * the stream does not depend on the channel count.
 *
 * @param brightness B ≥ 0, default 0.4
 * @param contrast C ≥ 0, default 0.4
 * @param saturation S ≥ 0, default 0.4
 * @param hue H ∈ [0, 0.5], default 0.1
 * @param p the probability, default 0.8
 */
@SpecType(value = "color_jitter", doc = "jitter brightness, contrast, saturation and hue in random order, probability p")
public record ColorJitter(double brightness, double contrast, double saturation, double hue, double p)
        implements Augmentation {
    /** Validates the strengths. */
    public ColorJitter {
        Checks.nonNegative("brightness", brightness);
        Checks.nonNegative("contrast", contrast);
        Checks.nonNegative("saturation", saturation);
        Checks.inRange("hue", hue, 0, 0.5);
        Checks.inRange("p", p, 0, 1);
    }

    /** @return SimCLR's strength-1 jitter (0.4, 0.4, 0.4, 0.1) with p = 0.8 */
    public static ColorJitter defaults() {
        return new ColorJitter(0.4, 0.4, 0.4, 0.1, 0.8);
    }

    @Override
    public NDArray apply(NDArray images, SplittableRandom rng) {
        int channels = BatchOps.channels("color_jitter", images);
        int n = (int) images.getShape().get(0);
        int[] order = Permutation.random(4, rng);
        float[] b = BatchOps.uniform(n, Math.max(0, 1 - brightness), 1 + brightness, rng);
        float[] c = BatchOps.uniform(n, Math.max(0, 1 - contrast), 1 + contrast, rng);
        float[] s = BatchOps.uniform(n, Math.max(0, 1 - saturation), 1 + saturation, rng);
        float[] h = BatchOps.uniform(n, -hue, hue, rng);
        float[] mask = BatchOps.bernoulli(n, p, rng);
        NDArray x = images;
        for (int op : order) {
            if (op == 0 && brightness > 0) {
                x = x.mul(BatchOps.column(x, b)).clip(0f, 1f);
            } else if (op == 1 && contrast > 0) {
                NDArray mean = BatchOps.luminance(x).reshape(n, -1).mean(new int[] {1}).reshape(n, 1, 1, 1);
                x = blend(x, mean, BatchOps.column(x, c));
            } else if (op == 2 && saturation > 0 && channels == 3) {
                x = blend(x, BatchOps.luminance(x), BatchOps.column(x, s));
            } else if (op == 3 && hue > 0 && channels == 3) {
                x = shiftHue(x, BatchOps.column(x, h));
            }
        }
        return BatchOps.choose(images, mask, x);
    }

    /** @return {@code clip(f·x + (1 − f)·other, 0, 1)} */
    private static NDArray blend(NDArray x, NDArray other, NDArray factor) {
        return x.mul(factor).add(other.mul(factor.neg().add(1f))).clip(0f, 1f);
    }

    /**
     * RGB → HSV, hue += shift (mod 1), HSV → RGB, as torchvision's {@code adjust_hue}.
     *
     * @param x {@code (N, 3, H, W)}
     * @param shift {@code (N, 1, 1, 1)} in [−0.5, 0.5]
     * @return the shifted images
     */
    static NDArray shiftHue(NDArray x, NDArray shift) {
        NDArray r = x.get(":, 0:1");
        NDArray g = x.get(":, 1:2");
        NDArray bl = x.get(":, 2:3");
        NDArray maxc = x.max(new int[] {1}, true);
        NDArray minc = x.min(new int[] {1}, true);
        NDArray flat = maxc.eq(minc);
        NDArray range = maxc.sub(minc);
        NDArray one = maxc.onesLike();
        NDArray sat = range.div(NDArrays.where(flat, one, maxc));
        NDArray div = NDArrays.where(flat, one, range);
        NDArray rc = maxc.sub(r).div(div);
        NDArray gc = maxc.sub(g).div(div);
        NDArray bc = maxc.sub(bl).div(div);
        NDArray isR = maxc.eq(r);
        NDArray isG = maxc.eq(g).logicalAnd(isR.logicalNot());
        NDArray isB = isR.logicalOr(isG).logicalNot();
        NDArray hue = bc.sub(gc).mul(isR.toType(x.getDataType(), false))
                .add(rc.sub(bc).add(2f).mul(isG.toType(x.getDataType(), false)))
                .add(gc.sub(rc).add(4f).mul(isB.toType(x.getDataType(), false)))
                .div(6f).add(1f).add(shift);
        hue = hue.sub(hue.floor());
        // HSV → RGB
        NDArray h6 = hue.mul(6f);
        NDArray sector = h6.floor();
        NDArray f = h6.sub(sector);
        NDArray i = sector.sub(sector.div(6f).floor().mul(6f));
        NDArray v = maxc;
        NDArray pp = v.mul(sat.neg().add(1f)).clip(0f, 1f);
        NDArray q = v.mul(sat.mul(f).neg().add(1f)).clip(0f, 1f);
        NDArray t = v.mul(sat.mul(f.neg().add(1f)).neg().add(1f)).clip(0f, 1f);
        NDArray[][] table = {{v, q, pp, pp, t, v}, {t, v, v, q, pp, pp}, {pp, pp, t, v, v, q}};
        NDArray[] out = new NDArray[3];
        for (int ch = 0; ch < 3; ch++) {
            NDArray acc = null;
            for (int k = 0; k < 6; k++) {
                NDArray term = table[ch][k].mul(i.eq((float) k).toType(x.getDataType(), false));
                acc = acc == null ? term : acc.add(term);
            }
            out[ch] = acc;
        }
        return NDArrays.concat(new ai.djl.ndarray.NDList(out), 1);
    }
}
