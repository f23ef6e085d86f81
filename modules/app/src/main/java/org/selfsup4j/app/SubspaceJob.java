package org.selfsup4j.app;

import org.selfsup4j.recipe.Recipe;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import org.selfsup4j.autoencoders.AeMlpSpec;
import org.selfsup4j.autoencoders.Autoencoder;
import org.selfsup4j.autoencoders.CodeDecoder;
import org.selfsup4j.autoencoders.PcaFit;
import org.selfsup4j.autoencoders.Subspaces;
import org.selfsup4j.core.SelfsupException;
import org.selfsup4j.data.ImageSet;
import org.selfsup4j.encoders.HypersphereNetwork;
import org.selfsup4j.train.StepFunction;

/**
 * {@code selfsup subspace RUN_A RUN_B}: the principal angles between the subspaces two linear
 * encoder/decoder runs reconstruct into, the column spaces of their decoders' weights ({@code pca} runs and
 * {@code autoencoder} runs with a linear {@code ae_mlp} encoder, no hidden layers). A linear autoencoder
 * trained with MSE spans PCA's principal subspace (Baldi &amp; Hornik, 1989): all angles near 0.
 */
public final class SubspaceJob {
    private SubspaceJob() {}

    /**
     * @param runA a complete linear run
     * @param runB another
     * @return the principal angles in degrees, ascending
     */
    public static double[] anglesDegrees(Path runA, Path runB) {
        double[][] a = decoderColumns(runA);
        double[][] b = decoderColumns(runB);
        if (a[0].length != b[0].length) {
            throw SelfsupException.of(runB.toString(), "run", "of the same image size as " + runA + " (" + a[0].length
                    + " pixels)", b[0].length + " pixels", null);
        }
        double[] rad = Subspaces.principalAngles(a, b);
        double[] deg = new double[rad.length];
        for (int i = 0; i < rad.length; i++) {
            deg[i] = Math.toDegrees(rad[i]);
        }
        return deg;
    }

    private static double[][] decoderColumns(Path runDir) {
        FinishedRun run = FinishedRun.open(runDir);
        Recipe recipe = run.recipe();
        if (!(recipe.model().encoder() instanceof AeMlpSpec mlp) || !mlp.widths().isEmpty()) {
            throw SelfsupException.of(runDir.toString(), "run", "a linear encoder/decoder (method pca or autoencoder with "
                    + "ae_mlp widths: [])", "another model", null);
        }
        ImageSet train = recipe.data().load().train();
        Shape input = new Shape(1, train.channels(), train.height(), train.width());
        try (NDManager root = NDManager.newBaseManager(recipe.deviceSpec().resolve(Engine.getInstance()))) {
            HypersphereNetwork net = run.network(root, input);
            StepFunction method = run.method(net, root, input);
            CodeDecoder decoder = method instanceof PcaFit p ? p.decoder() : method instanceof Autoencoder ae ? ae.decoder() : null;
            if (decoder == null) {
                throw SelfsupException.of(runDir.toString(), "run", "of method pca or autoencoder", "another method", null);
            }
            float[] w = decoder.outWeight().getArray().toFloatArray();
            long[] shape = decoder.outWeight().getArray().getShape().getShape();
            int d = (int) shape[0];
            int q = (int) shape[1];
            double[][] cols = new double[q][d];
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < q; j++) {
                    cols[j][i] = w[i * q + j];
                }
            }
            return cols;
        }
    }
}
