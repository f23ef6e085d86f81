package org.selfsup4j.app;

import org.selfsup4j.data.Splits;
import org.selfsup4j.recipe.Recipe;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import org.selfsup4j.core.Interrupted;
import org.selfsup4j.core.RunDirectory;
import org.selfsup4j.core.SelfsupException;
import org.selfsup4j.data.ImageSet;
import org.selfsup4j.encoders.HypersphereNetwork;
import org.selfsup4j.probe.EmbeddingExport;
import org.selfsup4j.probe.FeatureExtractor;
import org.selfsup4j.probe.Features;

/**
 * Exports a finished run's frozen features f(x) (no augmentation, the recipe's inference normalisation),
 * as {@code selfsup embed RUN_DIR} does: for each split, {@code SPLIT-features.npy} (float32
 * {@code (n, d)}), {@code SPLIT-labels.npy} (int32 {@code (n,)}) and {@code SPLIT.csv}, plus the test
 * split's 2-D PCA map {@code map-pca.png}, into {@code OUT} (default {@code RUN_DIR/embeddings}).
 */
public final class EmbedJob {
    /** The splits that can be exported. */
    public static final List<String> SPLITS = List.of("test", "train", "unlabeled", "all");

    private EmbedJob() {}

    /**
     * @param runDir a complete run
     * @param split {@code test}, {@code train}, {@code unlabeled} or {@code all} (every split the data has)
     * @param outDir the folder for the files, or {@code null} for {@code RUN_DIR/embeddings}
     * @param log where a line per file goes
     * @return the written files
     */
    public static List<Path> run(Path runDir, String split, Path outDir, PrintStream log) {
        if (!SPLITS.contains(split)) {
            throw SelfsupException.of("--split", "", "one of " + SPLITS, "'" + split + "'", null);
        }
        FinishedRun finished = FinishedRun.open(runDir);
        Path out = outDir != null ? outDir : finished.dir().path().resolve("embeddings");
        RunDirectory.checkWritable(out);
        Recipe recipe = finished.recipe();
        Splits data = recipe.data().load();
        List<Path> written = new ArrayList<>();
        try (NDManager root = NDManager.newBaseManager(recipe.deviceSpec().resolve(ai.djl.engine.Engine.getInstance()))) {
            ImageSet first = data.train();
            HypersphereNetwork net = finished.network(root, new Shape(1, first.channels(), first.height(), first.width()));
            int dim = recipe.model().encoder().featureDim();
            int batch = recipe.eval() != null ? recipe.eval().batchSize() : 512;
            // every split is extracted before any file is written, so an interruption writes nothing
            Map<String, Features> extracted = new LinkedHashMap<>();
            try {
                for (String s : split.equals("all") ? data.names() : List.of(split)) {
                    ImageSet images = data.split(s);
                    extracted.put(s, FeatureExtractor.extract(net.encoder(), dim, images, root, batch,
                            ProbeJob.inferenceInput(recipe)));
                }
            } catch (Interrupted e) {
                throw e.where("during the embedding of " + runDir, "nothing was written; run again: selfsup embed "
                        + runDir);
            }
            for (Map.Entry<String, Features> e : extracted.entrySet()) {
                String s = e.getKey();
                Features f = e.getValue();
                Path features = out.resolve(s + "-features.npy");
                Path labels = out.resolve(s + "-labels.npy");
                Path csv = out.resolve(s + ".csv");
                EmbeddingExport.featuresNpy(features, f);
                EmbeddingExport.labelsNpy(labels, f);
                EmbeddingExport.csv(csv, f, data.classNames());
                written.addAll(List.of(features, labels, csv));
                Path map = s.equals("test") ? ProbeJob.writeMap(out, f, data.classNames(), root) : null;
                if (map != null) {
                    written.add(map);
                }
                log.printf(Locale.ROOT, "embed: %s: %d × %d features%n", s, f.n(), f.dim());
            }
        }
        return written;
    }
}
