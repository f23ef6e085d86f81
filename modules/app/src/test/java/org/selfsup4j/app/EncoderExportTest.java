package org.selfsup4j.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.training.ParameterStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.selfsup4j.augment.Normalize;
import org.selfsup4j.core.SelfsupException;
import org.selfsup4j.encoders.ConvNetSpec;
import org.selfsup4j.encoders.EncoderSpec;
import org.selfsup4j.encoders.HypersphereNetwork;
import org.selfsup4j.encoders.ModelSpec;
import org.selfsup4j.encoders.ProjectionHeadSpec;
import org.selfsup4j.encoders.ResNetSpec;
import org.selfsup4j.encoders.VitSpec;

/** Export → DJL Criteria / ZooModel → the same features as the network itself. */
class EncoderExportTest {
    @TempDir
    Path tmp;

    @Test
    void anExportedEncoderLoadsWithCriteriaAndEmbedsLikeTheOriginal() throws Exception {
        Normalize norm = new Normalize(List.of(0.3), List.of(0.4));
        int i = 0;
        for (EncoderSpec encoder : List.of(new ConvNetSpec(List.of(4, 8), true), new ResNetSpec(18, 4, "small"),
                new VitSpec(4, 2, 8, 2, 2, "cls"))) {
            ModelSpec model = new ModelSpec(encoder, new ProjectionHeadSpec(8, 4, true));
            Path dir = tmp.resolve("export-" + i++);
            try (NDManager m = NDManager.newBaseManager()) {
                HypersphereNetwork net = new HypersphereNetwork(model);
                net.initialize(m, new Shape(1, 1, 12, 12), 5);
                NDArray x = m.randomUniform(0, 1, new Shape(3, 1, 12, 12));
                // a training pass moves BatchNorm's running statistics away from their initial values
                net.projector().forward(new ParameterStore(m, false), new NDList(norm.apply(x, null)), true);
                ExportedEncoderSpec spec = new ExportedEncoderSpec(model, List.of(1, 12, 12), norm);
                EncoderExport.write(net, spec, dir);
                float[] expected = net.encoder().forward(new ParameterStore(m, false), new NDList(norm.apply(x, null)), false)
                        .singletonOrThrow().toFloatArray();
                assertEquals(spec, EncoderExport.readSpec(dir));
                // plain DJL: Criteria with the block factory
                Criteria<NDList, NDList> criteria = Criteria.builder().setTypes(NDList.class, NDList.class).optModelPath(dir)
                        .optModelName("encoder").optArgument("blockFactory", EncoderBlockFactory.class.getName()).build();
                try (ZooModel<NDList, NDList> zoo = criteria.loadModel(); Predictor<NDList, NDList> p = zoo.newPredictor()) {
                    NDArray f = p.predict(new NDList(zoo.getNDManager().create(x.toFloatArray(), x.getShape())))
                            .singletonOrThrow();
                    assertEquals(new Shape(3, encoder.featureDim()), f.getShape());
                    assertArrayEquals(expected, f.toFloatArray(), 1e-5f, encoder.toString());
                }
                // the one documented call
                try (ZooModel<NDList, NDList> zoo = ExportedEncoder.load(dir); Predictor<NDList, NDList> p = zoo.newPredictor()) {
                    NDArray f = p.predict(new NDList(zoo.getNDManager().create(x.toFloatArray(), x.getShape())))
                            .singletonOrThrow();
                    assertArrayEquals(expected, f.toFloatArray(), 1e-5f);
                }
            }
        }
        assertTrue(Files.isRegularFile(tmp.resolve("export-0/encoder-0000.params")));
        assertTrue(Files.readString(tmp.resolve("export-0/serving.properties")).contains("blockFactory="));
    }

    @Test
    void badExportsAndLoadsAreCleanErrors() throws Exception {
        Path existing = Files.createDirectories(tmp.resolve("taken"));
        try (NDManager m = NDManager.newBaseManager()) {
            ModelSpec model = ModelSpec.defaults();
            HypersphereNetwork net = new HypersphereNetwork(model);
            net.initialize(m, new Shape(1, 1, 28, 28), 1);
            SelfsupException e = assertThrows(SelfsupException.class, () -> EncoderExport.write(net,
                    new ExportedEncoderSpec(model, List.of(1, 28, 28), null), existing));
            assertEquals(existing + ": export directory must be a new path, found an existing one; choose another --out",
                    e.getMessage());
        }
        SelfsupException e = assertThrows(SelfsupException.class, () -> ExportedEncoder.load(tmp.resolve("nothing")));
        assertTrue(e.getMessage().startsWith(tmp.resolve("nothing").resolve("encoder.yaml") + ": encoder description must be "
                + "readable"), e.getMessage());
    }
}
