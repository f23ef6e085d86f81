package org.selfsup4j.app;

import org.selfsup4j.core.Json;
import com.fasterxml.jackson.databind.JsonNode;
import org.selfsup4j.recipe.RecipeLoader;
import org.selfsup4j.recipe.RecipeWriter;
import org.selfsup4j.recipe.Recipe;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.selfsup4j.augment.Normalize;
import org.selfsup4j.core.SelfsupException;
import org.selfsup4j.encoders.HypersphereNetwork;

/**
 * Exports a pretrained encoder {@code f} as a DJL model directory that any DJL program loads with
 * {@code Criteria} (see {@link ExportedEncoder}):
 * <pre>
 *   DIR/encoder-0000.params   the block's parameters (DJL's format, written by {@code Model.save})
 *   DIR/encoder.yaml          what the block is: {@link ExportedEncoderSpec} (model spec, input shape, normalisation)
 *   DIR/serving.properties    engine=PyTorch, blockFactory={@link EncoderBlockFactory}
 * </pre>
 * The exported block is the training input normalisation (if the recipe's views end with one)
 * followed by {@code f}, so it maps raw {@code (N, C, H, W)} pixels in [0, 1] to features {@code (N, D)}.
 * Files are written to a temporary sibling folder that is renamed into place, so a failed export leaves
 * nothing behind.
 */
public final class EncoderExport {
    /** The model name (file prefix) inside the directory. */
    public static final String NAME = "encoder";

    /** The description file. */
    public static final String SPEC_FILE = "encoder.yaml";


    private EncoderExport() {}

    /**
     * Exports the final encoder of a complete run.
     *
     * @param runDir the run directory
     * @param out the directory to create (must not exist)
     * @return the spec written
     */
    public static ExportedEncoderSpec fromRun(Path runDir, Path out) {
        FinishedRun run = FinishedRun.open(runDir);
        Recipe recipe = run.recipe();
        List<Integer> input = inputShape(run);
        ExportedEncoderSpec spec = new ExportedEncoderSpec(recipe.model(), input, recipe.inference().orElse(null));
        try (NDManager m = NDManager.newBaseManager()) {
            write(run.network(m, new Shape(1, input.get(0), input.get(1), input.get(2))), spec, out);
        }
        return spec;
    }

    /**
     * The image shape the run was trained on: {@code input_shape} in its {@code provenance.json}, or, for a
     * run written before that key existed, the shape of its dataset's images.
     */
    private static List<Integer> inputShape(FinishedRun run) {
        Path file = run.dir().path().resolve(PretrainJob.PROVENANCE);
        try {
            JsonNode shape = Json.mapper().readTree(file.toFile()).get(PretrainJob.PROVENANCE_SHAPE);
            if (shape != null && shape.isArray() && shape.size() == 3) {
                return List.of(shape.get(0).asInt(), shape.get(1).asInt(), shape.get(2).asInt());
            }
        } catch (IOException e) {
            // an unreadable provenance file: fall back to the dataset itself
        }
        return run.recipe().data().load().imageShape();
    }

    /**
     * Writes an initialised network's encoder.
     *
     * @param net the network (trained or loaded)
     * @param spec its description
     * @param out the directory to create (must not exist)
     */
    public static void write(HypersphereNetwork net, ExportedEncoderSpec spec, Path out) {
        if (Files.exists(out)) {
            throw SelfsupException.of(out.toString(), "export directory", "a new path", "an existing one",
                    "choose another --out");
        }
        Path parent = out.toAbsolutePath().getParent();
        Path tmp = parent.resolve("." + out.getFileName() + ".tmp");
        try {
            Files.createDirectories(parent);
            deleteTree(tmp);
            Files.createDirectories(tmp);
            try (Model model = Model.newInstance(NAME); NDManager m = NDManager.newBaseManager()) {
                // a fresh block of the exported structure, initialised, then given the trained encoder's values
                Block fresh = block(spec, spec.model().encoder().build());
                List<Integer> in = spec.input();
                fresh.initialize(m, DataType.FLOAT32, new Shape(1, in.get(0), in.get(1), in.get(2)));
                ByteArrayOutputStream trained = new ByteArrayOutputStream();
                net.encoder().saveParameters(new DataOutputStream(trained));
                fresh.getChildren().get(1).getValue().loadParameters(model.getNDManager(),
                        new DataInputStream(new ByteArrayInputStream(trained.toByteArray())));
                model.setBlock(fresh);
                model.save(tmp, NAME);
            } catch (MalformedModelException e) {
                throw new IllegalStateException("the exported block does not match the encoder", e);
            }
            Files.writeString(tmp.resolve(SPEC_FILE), toYaml(spec), StandardCharsets.UTF_8);
            Files.writeString(tmp.resolve("serving.properties"), "engine=PyTorch\noption.modelName=" + NAME
                    + "\nblockFactory=" + EncoderBlockFactory.class.getName() + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, out);
        } catch (IOException e) {
            deleteTree(tmp);
            throw SelfsupException.of(out.toString(), "export directory", "writable", e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")"), "check free space and permissions");
        }
    }

    /**
     * The exported block: optional normalisation, then the encoder.
     *
     * @param spec the description
     * @param encoder the encoder block
     * @return the block
     */
    static Block block(ExportedEncoderSpec spec, Block encoder) {
        SequentialBlock b = new SequentialBlock();
        Normalize norm = spec.normalize();
        b.add(new LambdaBlock(list -> {
            NDArray x = list.singletonOrThrow();
            return new NDList(norm == null ? x : norm.apply(x, null));
        }, "input"));
        return b.add(encoder);
    }

    static String toYaml(ExportedEncoderSpec spec) {
        return RecipeWriter.toYaml("a selfsup4j encoder: load it with DJL Criteria (see docs/library.md)", spec);
    }

    /**
     * @param dir an exported directory
     * @return its description
     */
    public static ExportedEncoderSpec readSpec(Path dir) {
        Path file = dir.resolve(SPEC_FILE);
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw SelfsupException.of(file.toString(), "encoder description", "readable", e.getClass().getSimpleName(),
                    "export the encoder with 'selfsup export'");
        }
        return RecipeLoader.bindSpec(ExportedEncoderSpec.class, text, file.toString());
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
