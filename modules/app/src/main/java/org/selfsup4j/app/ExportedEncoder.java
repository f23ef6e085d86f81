package org.selfsup4j.app;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDList;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import java.io.IOException;
import java.nio.file.Path;
import org.selfsup4j.core.SelfsupException;

/**
 * Loads an encoder exported by {@code selfsup export} (or {@link EncoderExport}) in any DJL program.
 * The model maps {@code NDList[(N, C, H, W) float32 pixels in [0, 1]]} to {@code NDList[(N, D) features]}:
 * <pre>{@code
 * try (ZooModel<NDList, NDList> model = ExportedEncoder.load(Path.of("exported"));
 *      Predictor<NDList, NDList> p = model.newPredictor()) {
 *     NDArray features = p.predict(new NDList(images)).singletonOrThrow();
 * }
 * }</pre>
 * It is plain DJL underneath: {@link #criteria} is the {@code Criteria} it builds.
 */
public final class ExportedEncoder {
    private ExportedEncoder() {}

    /**
     * @param dir an exported directory
     * @return DJL criteria for it: NDList in, NDList out, PyTorch engine, the block from {@link EncoderBlockFactory}
     */
    public static Criteria<NDList, NDList> criteria(Path dir) {
        return Criteria.builder().setTypes(NDList.class, NDList.class).optModelPath(dir).optModelName(EncoderExport.NAME)
                .optEngine("PyTorch").optArgument("blockFactory", EncoderBlockFactory.class.getName()).build();
    }

    /**
     * @param dir an exported directory
     * @return the loaded model (close it)
     */
    public static ZooModel<NDList, NDList> load(Path dir) {
        EncoderExport.readSpec(dir);   // a clean error for a directory that is not an export
        try {
            return criteria(dir).loadModel();
        } catch (IOException | ModelNotFoundException | MalformedModelException e) {
            throw SelfsupException.of(dir.toString(), "exported encoder", "loadable", e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")"), "export it again with 'selfsup export'");
        }
    }
}
