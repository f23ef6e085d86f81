package org.selfsup4j.augment;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;
import org.selfsup4j.core.Checks;
import org.selfsup4j.core.SpecType;

/**
 * Random affine transform about the image centre (torchvision {@code RandomAffine}), with probability
 * {@code p} per image. Per image: angle {@code θ ~ U(−degrees, degrees)} (positive turns the picture
 * counter-clockwise as displayed), translation {@code (t_x, t_y)} with {@code t_x ~ U(−translate·W,
 * translate·W)} rounded to whole pixels (likewise {@code t_y}), scale {@code s ~ U(scale_min, scale_max)}
 * and x-shear {@code φ ~ U(−shear, shear)} degrees.
 *
 * <p>In centred pixel coordinates {@code q = (x − (W−1)/2, y − (H−1)/2)} the forward map is
 * {@code q' = A·q + t} with {@code A = s · R(θ) · [[1, tan φ], [0, 1]]} and {@code R(θ) = [[cos θ, sin θ],
 * [−sin θ, cos θ]]} (y points down). Each output pixel reads the input at {@code A⁻¹(q' − t)} by
 * bilinear interpolation ({@link Sampling#bilinear}); points outside the image read 0. Only the six
 * coefficients per image cross from Java; the sampling is two gathers per corner on the device. A
 * rotation by 90° maps pixel centres onto pixel centres, so it equals a transpose and a flip exactly.
 *
 * @param degrees largest rotation in degrees, default 15
 * @param translate largest shift as a fraction of the side, default 0.1
 * @param scaleMin smallest zoom, default 0.9
 * @param scaleMax largest zoom, default 1.1
 * @param shear largest x-shear in degrees, default 0
 * @param p the probability, default 1
 */
@SpecType(value = "random_affine", doc = "rotate, shift, zoom and shear about the centre, bilinear, fill 0")
public record RandomAffine(double degrees, double translate, double scaleMin, double scaleMax, double shear, double p)
        implements Augmentation {
    /** Validates the ranges. */
    public RandomAffine {
        Checks.inRange("degrees", degrees, 0, 180);
        Checks.inRange("translate", translate, 0, 1);
        Checks.positive("scale_min", scaleMin);
        Checks.positive("scale_max", scaleMax);
        Checks.ordered("scale_max", scaleMin, scaleMax);
        Checks.inRange("shear", shear, 0, 80);
        Checks.inRange("p", p, 0, 1);
    }

    /** @return ±15°, 10 % shift, zoom [0.9, 1.1], no shear, always */
    public static RandomAffine defaults() {
        return new RandomAffine(15, 0.1, 0.9, 1.1, 0, 1);
    }

    @Override
    public NDArray apply(NDArray images, SplittableRandom rng) {
        int n = (int) images.getShape().get(0);
        int h = (int) images.getShape().get(2);
        int w = (int) images.getShape().get(3);
        double[][] params = new double[n][];
        for (int i = 0; i < n; i++) {
            double theta = Math.toRadians(degrees * (2 * rng.nextDouble() - 1));
            double tx = Math.round(translate * w * (2 * rng.nextDouble() - 1));
            double ty = Math.round(translate * h * (2 * rng.nextDouble() - 1));
            double scale = scaleMin + (scaleMax - scaleMin) * rng.nextDouble();
            double phi = Math.toRadians(shear * (2 * rng.nextDouble() - 1));
            params[i] = rng.nextDouble() < p ? new double[] {theta, tx, ty, scale, phi} : null;
        }
        return warp(images, params);
    }

    /**
     * Applies given affine parameters.
     *
     * @param images {@code (N, C, H, W)}
     * @param params per image {@code {θ (radians), t_x, t_y, s, φ (radians)}}, or {@code null} for the identity
     * @return the warped images
     */
    static NDArray warp(NDArray images, double[][] params) {
        BatchOps.channels("random_affine", images);
        Shape s = images.getShape();
        int n = (int) s.get(0);
        int h = (int) s.get(2);
        int w = (int) s.get(3);
        float[] coef = new float[n * 6];
        for (int i = 0; i < n; i++) {
            double[] q = params[i];
            double[] inv = q == null ? new double[] {1, 0, 0, 1} : inverse(q[0], q[3], q[4]);
            double sx = q == null ? 0 : q[1];
            double sy = q == null ? 0 : q[2];
            // source = inv · (q' − t), stored as the affine map of q': (a, b, c | d, e, f)
            coef[i * 6] = (float) inv[0];
            coef[i * 6 + 1] = (float) inv[1];
            coef[i * 6 + 2] = (float) (-(inv[0] * sx + inv[1] * sy));
            coef[i * 6 + 3] = (float) inv[2];
            coef[i * 6 + 4] = (float) inv[3];
            coef[i * 6 + 5] = (float) (-(inv[2] * sx + inv[3] * sy));
        }
        NDArray c = images.getManager().create(coef, new Shape(n, 6)).toDevice(images.getDevice(), false);
        float cx = (w - 1) / 2f;
        float cy = (h - 1) / 2f;
        NDArray u = BatchOps.grid(images, w).sub(cx).reshape(1, 1, w).tile(new long[] {1, h, 1}).reshape(1, (long) h * w);
        NDArray v = BatchOps.grid(images, h).sub(cy).reshape(1, h, 1).tile(new long[] {1, 1, w}).reshape(1, (long) h * w);
        NDArray srcX = c.get(":, 0:1").mul(u).add(c.get(":, 1:2").mul(v)).add(c.get(":, 2:3")).add(cx);
        NDArray srcY = c.get(":, 3:4").mul(u).add(c.get(":, 4:5").mul(v)).add(c.get(":, 5:6")).add(cy);
        return Sampling.bilinear(images, srcY, srcX, h, w);
    }

    /**
     * @return {@code A⁻¹} for {@code A = s·R(θ)·Shear(φ)}, row-major {@code [a, b, c, d]}
     */
    private static double[] inverse(double theta, double scale, double phi) {
        double cos = Math.cos(theta);
        double sin = Math.sin(theta);
        double t = Math.tan(phi);
        // A = s · [[cos, sin], [−sin, cos]] · [[1, t], [0, 1]] = s · [[cos, cos·t + sin], [−sin, −sin·t + cos]]
        double a = scale * cos;
        double b = scale * (cos * t + sin);
        double c = -scale * sin;
        double d = scale * (cos - sin * t);
        double det = a * d - b * c;
        return new double[] {d / det, -b / det, -c / det, a / det};
    }
}
