package org.selfsup4j.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.selfsup4j.encoders.ConvNetSpec;
import org.selfsup4j.encoders.EncoderSpec;
import org.selfsup4j.encoders.HypersphereNetwork;
import org.selfsup4j.encoders.MlpEncoderSpec;
import org.selfsup4j.encoders.ModelSpec;
import org.selfsup4j.encoders.ProjectionHeadSpec;
import org.selfsup4j.encoders.ResNetSpec;
import org.selfsup4j.encoders.VitSpec;

/**
 * Benchmark of every backbone on 1×28×28 inputs: parameter count (the backbone alone, running
 * statistics excluded), feature dimension, and forward + backward images per second at batch 256
 * through backbone, SimCLR head and L2 normalisation (loss: the mean of the squared outputs), each
 * iteration in its own manager scope; median of 3 after 1 warm-up. Run by
 * {@code eval/bench-encoders.sh}; prints a Markdown table and, last, one line
 * {@code ms_per_batch name=value ...} that the script uses to give each backbone the same pretraining time.
 */
public final class EncoderBenchmark {
    private static final int BATCH = 256;

    private EncoderBenchmark() {}

    /**
     * @param args ignored
     */
    public static void main(String[] args) {
        Map<String, EncoderSpec> cases = new LinkedHashMap<>();
        Map<String, String> labels = Map.of("mlp", "MLP [512, 256] + BN", "convnet", "ConvNet [32, 64, 128] + BN",
                "resnet18", "ResNet-18, width 64, small stem", "resnet34", "ResNet-34, width 64, small stem",
                "vit", "ViT patch 4, depth 6, width 192, 3 heads, CLS");
        cases.put("mlp", MlpEncoderSpec.defaults());
        cases.put("convnet", ConvNetSpec.defaults());
        cases.put("resnet18", new ResNetSpec(18, 64, "small"));
        cases.put("resnet34", new ResNetSpec(34, 64, "small"));
        cases.put("vit", VitSpec.defaults());
        StringBuilder table = new StringBuilder("| backbone | spec | parameters | feature dim | forward+backward images/s "
                + "| ms per batch of 256 |\n|---|---|---:|---:|---:|---:|\n");
        StringBuilder last = new StringBuilder("ms_per_batch");
        Engine engine = Engine.getInstance();
        for (Map.Entry<String, EncoderSpec> c : cases.entrySet()) {
            try (NDManager root = NDManager.newBaseManager()) {
                HypersphereNetwork net = new HypersphereNetwork(new ModelSpec(c.getValue(), ProjectionHeadSpec.defaults()));
                net.initialize(root, new Shape(1, 1, 28, 28), 0);
                long params = net.encoder().getParameters().values().stream().filter(p -> p.requiresGradient())
                        .mapToLong(p -> p.getArray().size()).sum();
                ParameterStore ps = new ParameterStore(root, false);
                Block projector = net.projector();
                double[] ms = new double[3];
                for (int it = -1; it < 3; it++) {
                    long t0 = System.nanoTime();
                    try (NDManager scope = root.newSubManager()) {
                        NDArray x = scope.randomUniform(0, 1, new Shape(BATCH, 1, 28, 28));
                        try (GradientCollector gc = engine.newGradientCollector()) {
                            NDArray z = projector.forward(ps, new NDList(x), true).singletonOrThrow();
                            gc.backward(z.square().mean());
                        }
                    }
                    if (it >= 0) {
                        ms[it] = (System.nanoTime() - t0) * 1e-6;
                    }
                }
                Arrays.sort(ms);
                table.append(String.format(Locale.ROOT, "| %s | %s | %,d | %d | %,.0f | %.0f |%n", c.getKey(),
                        labels.get(c.getKey()), params, c.getValue().featureDim(), BATCH / (ms[1] * 1e-3), ms[1]));
                last.append(String.format(Locale.ROOT, " %s=%.0f", c.getKey(), ms[1]));
            }
        }
        System.out.print(table);
        System.out.println(last);
    }
}
