package org.selfsup4j.encoders;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.selfsup4j.core.ArrayIO;
import org.selfsup4j.core.ManagedTest;
import org.selfsup4j.core.SelfsupException;

/** Every backbone and head: shapes, parameter counts against hand counts, save/load, inference mode. */
class BackbonesTest extends ManagedTest {
    private Block init(EncoderSpec spec, Shape input) {
        Block b = spec.build();
        b.initialize(m, DataType.FLOAT32, input);
        return b;
    }

    private NDArray forward(Block b, NDArray x, boolean training) {
        return b.forward(new ParameterStore(m, false), new NDList(x), training).singletonOrThrow();
    }

    private static long trainable(Block b) {
        return b.getParameters().values().stream().filter(Parameter::requiresGradient).mapToLong(p -> p.getArray().size())
                .sum();
    }

    @Test
    void everyBackboneTakesOneAndThreeChannelsOfSeveralSizes() {
        List<EncoderSpec> specs = List.of(new MlpEncoderSpec(List.of(8, 6), true), new ConvNetSpec(List.of(4, 8), true),
                new ResNetSpec(18, 4, "small"), new ResNetSpec(34, 2, "small"), new ResNetSpec(18, 4, "imagenet"),
                new VitSpec(4, 2, 8, 2, 2, "cls"), new VitSpec(4, 1, 8, 4, 2, "mean"));
        for (EncoderSpec spec : specs) {
            for (int[] chw : new int[][] {{1, 28, 28}, {3, 32, 32}, {3, 16, 24}}) {
                Block b = init(spec, new Shape(1, chw[0], chw[1], chw[2]));
                NDArray f = forward(b, m.randomUniform(0, 1, new Shape(5, chw[0], chw[1], chw[2])), true);
                assertEquals(new Shape(5, spec.featureDim()), f.getShape(), spec + " " + Arrays.toString(chw));
            }
        }
    }

    /** Conv k×k from c to f without bias, then BatchNorm (γ, β trainable). */
    private static long convBn(int c, int f, int k) {
        return (long) c * f * k * k + 2L * f;
    }

    /** Hand count of a ResNet's trainable parameters (basic blocks, no fc). */
    private static long resnetByHand(int depth, int w, int channels, boolean smallStem) {
        int[] units = depth == 18 ? new int[] {2, 2, 2, 2} : new int[] {3, 4, 6, 3};
        long total = convBn(channels, w, smallStem ? 3 : 7);
        int in = w;
        for (int s = 0; s < 4; s++) {
            int out = w << s;
            for (int u = 0; u < units[s]; u++) {
                total += convBn(in, out, 3) + convBn(out, out, 3);
                if (in != out) {
                    total += convBn(in, out, 1);
                }
                in = out;
            }
        }
        return total;
    }

    @Test
    void parameterCountsMatchHandCountsAndPublishedModels() {
        // MLP 8 → 5 → 3 with BatchNorm: 8·5 + 4·5 + 5·3 + 4·3 (running statistics included)
        assertEquals(87, HypersphereNetwork.parameterCount(init(new MlpEncoderSpec(List.of(5, 3), true), new Shape(1, 2, 2, 2))));
        // without BatchNorm: (8 + 1)·5 + (5 + 1)·3
        assertEquals(63, HypersphereNetwork.parameterCount(init(new MlpEncoderSpec(List.of(5, 3), false), new Shape(1, 2, 2, 2))));
        assertEquals(resnetByHand(18, 2, 1, true), trainable(init(new ResNetSpec(18, 2, "small"), new Shape(1, 1, 8, 8))));
        assertEquals(resnetByHand(34, 3, 3, false), trainable(init(new ResNetSpec(34, 3, "imagenet"), new Shape(1, 3, 32, 32))));
        // torchvision's resnet18 / resnet34 have 11,689,512 / 21,797,672 parameters with a 512·1000 + 1000 fc
        assertEquals(11_689_512 - 513_000, trainable(init(new ResNetSpec(18, 64, "imagenet"), new Shape(1, 3, 32, 32))));
        assertEquals(21_797_672 - 513_000, trainable(init(new ResNetSpec(34, 64, "imagenet"), new Shape(1, 3, 32, 32))));
        // tiny ViT, patch 2 on 1×4×4 (T = 4), D 4, 1 layer, MLP 8:
        // patch (4 + 1)·4, CLS 4, positions 5·4, layer 8 + 5·12 + 5·4 + 8 + 5·8 + 9·4, final norm 8
        assertEquals(20 + 4 + 20 + (8 + 60 + 20 + 8 + 40 + 36) + 8,
                HypersphereNetwork.parameterCount(init(new VitSpec(2, 1, 4, 2, 2, "cls"), new Shape(1, 1, 4, 4))));
        // ViT-B/16 on 224×224: timm's vit_base_patch16_224 has 86,567,656 with a 768·1000 + 1000 head
        assertEquals(86_567_656 - 769_000,
                HypersphereNetwork.parameterCount(init(new VitSpec(16, 12, 768, 12, 4, "cls"), new Shape(1, 3, 224, 224))));
        // SimCLR v2-style head 8 → 16 → 16 → 5 with hidden and output BatchNorm
        Block head = new ProjectionHeadSpec(16, 5, true, 3, true).build();
        head.initialize(m, DataType.FLOAT32, new Shape(2, 8));
        assertEquals(8 * 16 + 64 + 16 * 16 + 64 + 16 * 5 + 20, HypersphereNetwork.parameterCount(head));
    }

    @Test
    void saveThenLoadGivesIdenticalFeaturesForEveryBackbone() throws Exception {
        for (EncoderSpec spec : List.of(new ResNetSpec(18, 4, "small"), new VitSpec(4, 2, 8, 2, 2, "mean"),
                new MlpEncoderSpec(List.of(8), true))) {
            ModelSpec model = new ModelSpec(spec, new ProjectionHeadSpec(8, 4, true), new ProjectionHeadSpec(6, 4, true));
            HypersphereNetwork a = new HypersphereNetwork(model);
            a.initialize(m, new Shape(1, 1, 16, 16), 1);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            a.save(new DataOutputStream(bytes));
            HypersphereNetwork b = new HypersphereNetwork(model);
            b.initialize(m, new Shape(1, 1, 16, 16), 2);
            NDArray x = m.randomUniform(0, 1, new Shape(3, 1, 16, 16));
            assertFalse(Arrays.equals(forward(a.encoder(), x, false).toFloatArray(), forward(b.encoder(), x, false).toFloatArray()));
            b.load(m, new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
            assertArrayEquals(forward(a.encoder(), x, false).toFloatArray(), forward(b.encoder(), x, false).toFloatArray());
            NDArray z = forward(a.projector(), x, false);
            assertArrayEquals(forward(a.predictor(), z, false).toFloatArray(), forward(b.predictor(), z, false).toFloatArray());
            for (float n : forward(b.predictor(), z, false).norm(new int[] {1}).toFloatArray()) {
                assertEquals(1f, n, 1e-5f, "the predictor ends on the unit sphere");
            }
        }
    }

    @Test
    void batchNormUsesRunningStatisticsInInference() {
        for (EncoderSpec spec : List.of(new ResNetSpec(18, 4, "small"), new ConvNetSpec(List.of(4, 8), true),
                new MlpEncoderSpec(List.of(6), true))) {
            Block b = init(spec, new Shape(1, 1, 12, 12));
            NDArray x = m.randomUniform(0, 1, new Shape(4, 1, 12, 12));
            forward(b, x, true);   // one training pass moves the running statistics
            float[] batch = forward(b, x, false).toFloatArray();
            float[] alone = forward(b, x.get("2:3"), false).toFloatArray();
            int d = spec.featureDim();
            assertArrayEquals(Arrays.copyOfRange(batch, 2 * d, 3 * d), alone, 1e-5f, spec + ": inference is per image");
            float[] trainAlone = forward(b, x.get("1:3"), true).toFloatArray();
            assertFalse(Arrays.equals(Arrays.copyOfRange(batch, d, 3 * d), trainAlone), spec + ": training uses batch statistics");
        }
    }

    @Test
    void patchifyOrdersPatchesRowMajorAndUnpatchifyInvertsIt() {
        NDArray x = m.arange(0f, 2 * 4 * 6f, 1f).reshape(1, 2, 4, 6);
        NDArray p = Patches.patchify(x, 2);
        assertEquals(new Shape(1, 6, 8), p.getShape());
        // patch 4 = grid row 1, column 1: channel 0 pixels (2,2) (2,3) (3,2) (3,3), then channel 1
        assertArrayEquals(new float[] {14, 15, 20, 21, 38, 39, 44, 45}, p.get(0, 4).toFloatArray());
        assertArrayEquals(x.toFloatArray(), Patches.unpatchify(p, 2, 2, 4, 6).toFloatArray());
        assertEquals("vit: image width must be a multiple of the patch size 4, found 6",
                assertThrows(SelfsupException.class, () -> Patches.patchify(m.zeros(new Shape(1, 1, 8, 6)), 4)).getMessage());
    }

    @Test
    void vitRefusesAnotherInputSize() {
        Block vit = init(new VitSpec(4, 1, 8, 2, 2, "cls"), new Shape(1, 1, 28, 28));
        assertEquals("vit: input must be the size it was initialised with (49 patches of 4×4), found (2, 1, 32, 32)",
                assertThrows(SelfsupException.class, () -> forward(vit, m.zeros(new Shape(2, 1, 32, 32)), false)).getMessage());
        assertEquals("width: must be a multiple of heads (3), found 8",
                assertThrows(SelfsupException.class, () -> new VitSpec(4, 1, 8, 3, 2, "cls")).getMessage());
    }

    /**
     * Inference outside a training step (feature extraction, a DJL Predictor) must leave nothing in the
     * model's manager: every array a forward pass makes belongs to the input's scope.
     */
    @Test
    void inferenceLeavesNothingInTheModelsManager() {
        for (EncoderSpec spec : List.of(new VitSpec(4, 2, 8, 2, 2, "cls"), new VitSpec(4, 1, 8, 2, 2, "mean"),
                new ResNetSpec(18, 4, "small"), new ConvNetSpec(List.of(4, 8), true), new MlpEncoderSpec(List.of(8), true))) {
            try (NDManager model = NDManager.newBaseManager()) {
                HypersphereNetwork net = new HypersphereNetwork(new ModelSpec(spec, new ProjectionHeadSpec(8, 4, true)));
                net.initialize(model, new Shape(1, 1, 16, 16), 1);
                ParameterStore ps = new ParameterStore(model, false);
                int before = model.getManagedArrays().size();
                for (int batch = 0; batch < 3; batch++) {
                    try (NDManager scope = model.newSubManager()) {
                        NDArray x = scope.randomUniform(0, 1, new Shape(4, 1, 16, 16));
                        net.projector().forward(ps, new NDList(x), false).singletonOrThrow().toFloatArray();
                    }
                }
                assertEquals(before, model.getManagedArrays().size(), spec + " left arrays in the model's manager");
            }
        }
    }

    /** The tiny ViT computed with plain loops from its parameters: the reference for the block. */
    @Test
    void vitEqualsALoopReference() {
        VitSpec spec = new VitSpec(2, 2, 4, 2, 2, "mean");
        VisionTransformer vit = (VisionTransformer) init(spec, new Shape(1, 1, 4, 4));
        Map<String, double[]> p = new java.util.HashMap<>();
        for (Parameter q : vit.getParameters().values()) {
            float[] f = q.getArray().toFloatArray();
            double[] d = new double[f.length];
            for (int i = 0; i < f.length; i++) {
                d[i] = f[i] + 0.05 * Math.sin(i + q.getName().length());   // break symmetric initial values
            }
            ArrayIO.overwrite(q.getArray(), toFloat(d));
            p.put(q.getName(), d);
        }
        NDArray x = m.randomUniform(0, 1, new Shape(2, 1, 4, 4));
        float[] got = forward(vit, x, false).toFloatArray();
        float[] img = x.toFloatArray();
        for (int n = 0; n < 2; n++) {
            double[] ref = referenceVit(p, Arrays.copyOfRange(img, n * 16, n * 16 + 16), spec);
            for (int k = 0; k < 4; k++) {
                assertEquals(ref[k], got[n * 4 + k], 1e-4, "image " + n + " feature " + k);
            }
        }
    }

    private static float[] toFloat(double[] d) {
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
        }
        return f;
    }

    private static double[] referenceVit(Map<String, double[]> p, float[] img, VitSpec spec) {
        int d = spec.width();
        int t = 4;
        double[][] x = new double[t + 1][d];
        for (int k = 0; k < d; k++) {
            x[0][k] = p.get("cls_token")[k] + p.get("positions")[k];
        }
        for (int tok = 0; tok < t; tok++) {
            int gi = tok / 2;
            int gj = tok % 2;
            double[] patch = {img[(2 * gi) * 4 + 2 * gj], img[(2 * gi) * 4 + 2 * gj + 1], img[(2 * gi + 1) * 4 + 2 * gj],
                img[(2 * gi + 1) * 4 + 2 * gj + 1]};
            for (int k = 0; k < d; k++) {
                double s = p.get("patch_bias")[k];
                for (int i = 0; i < 4; i++) {
                    s += p.get("patch_weight")[k * 4 + i] * patch[i];
                }
                x[tok + 1][k] = s + p.get("positions")[(tok + 1) * d + k];
            }
        }
        for (int l = 0; l < spec.depth(); l++) {
            String q = "layer" + l + "_";
            double[][] h = norm(x, p.get(q + "ln1_scale"), p.get(q + "ln1_shift"));
            double[][] qkv = lin(h, p.get(q + "qkv_weight"), p.get(q + "qkv_bias"), 3 * d);
            int heads = spec.heads();
            int dh = d / heads;
            double[][] o = new double[t + 1][d];
            for (int hd = 0; hd < heads; hd++) {
                for (int i = 0; i <= t; i++) {
                    double[] a = new double[t + 1];
                    double max = Double.NEGATIVE_INFINITY;
                    for (int j = 0; j <= t; j++) {
                        for (int e = 0; e < dh; e++) {
                            a[j] += qkv[i][hd * dh + e] * qkv[j][d + hd * dh + e];
                        }
                        a[j] /= Math.sqrt(dh);
                        max = Math.max(max, a[j]);
                    }
                    double z = 0;
                    for (int j = 0; j <= t; j++) {
                        a[j] = Math.exp(a[j] - max);
                        z += a[j];
                    }
                    for (int j = 0; j <= t; j++) {
                        for (int e = 0; e < dh; e++) {
                            o[i][hd * dh + e] += a[j] / z * qkv[j][2 * d + hd * dh + e];
                        }
                    }
                }
            }
            double[][] proj = lin(o, p.get(q + "proj_weight"), p.get(q + "proj_bias"), d);
            add(x, proj);
            double[][] f1 = lin(norm(x, p.get(q + "ln2_scale"), p.get(q + "ln2_shift")), p.get(q + "fc1_weight"),
                    p.get(q + "fc1_bias"), spec.mlpRatio() * d);
            for (double[] row : f1) {
                for (int k = 0; k < row.length; k++) {
                    row[k] = 0.5 * row[k] * (1 + erf(row[k] / Math.sqrt(2)));
                }
            }
            add(x, lin(f1, p.get(q + "fc2_weight"), p.get(q + "fc2_bias"), d));
        }
        double[][] out = norm(x, p.get("norm_scale"), p.get("norm_shift"));
        double[] mean = new double[d];
        for (int i = 1; i <= t; i++) {
            for (int k = 0; k < d; k++) {
                mean[k] += out[i][k] / t;
            }
        }
        return mean;
    }

    private static void add(double[][] x, double[][] y) {
        for (int i = 0; i < x.length; i++) {
            for (int k = 0; k < x[i].length; k++) {
                x[i][k] += y[i][k];
            }
        }
    }

    private static double[][] lin(double[][] x, double[] w, double[] b, int out) {
        double[][] y = new double[x.length][out];
        for (int i = 0; i < x.length; i++) {
            for (int o = 0; o < out; o++) {
                double s = b[o];
                for (int k = 0; k < x[i].length; k++) {
                    s += w[o * x[i].length + k] * x[i][k];
                }
                y[i][o] = s;
            }
        }
        return y;
    }

    private static double[][] norm(double[][] x, double[] g, double[] b) {
        double[][] y = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            double mu = Arrays.stream(x[i]).average().orElseThrow();
            double var = Arrays.stream(x[i]).map(v -> (v - mu) * (v - mu)).average().orElseThrow();
            y[i] = new double[x[i].length];
            for (int k = 0; k < x[i].length; k++) {
                y[i][k] = (x[i][k] - mu) / Math.sqrt(var + 1e-6) * g[k] + b[k];
            }
        }
        return y;
    }

    /** erf by Simpson integration of 2/√π e^{−t²} on [0, z] with 2,000 intervals (error far below 1e-9). */
    private static double erf(double z) {
        int n = 2000;
        double h = z / n;
        double s = 0;
        for (int i = 0; i <= n; i++) {
            double t = i * h;
            double w = i == 0 || i == n ? 1 : i % 2 == 1 ? 4 : 2;
            s += w * Math.exp(-t * t);
        }
        return 2 / Math.sqrt(Math.PI) * s * h / 3;
    }
}
