package org.selfsup4j.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.selfsup4j.core.DeviceSpec;
import org.selfsup4j.data.DataSpec;
import org.selfsup4j.data.FashionMnist;
import org.selfsup4j.data.ImageSet;
import org.selfsup4j.data.Splits;
import org.selfsup4j.encoders.HypersphereNetwork;
import org.selfsup4j.encoders.ModelSpec;
import org.selfsup4j.probe.FeatureExtractor;
import org.selfsup4j.probe.Features;
import org.selfsup4j.probe.ProbeReport;

/**
 * Fashion-MNIST written as a PNG image folder ({@code train/<class>/NNNNN.png}, {@code test/…}) is the
 * IDX data: taken in the folder's order (class, then file name) and with the folder's labels, the IDX
 * images have the same bytes, a ConvNet gives bit-identical features, and the raw-pixel probe the same
 * figures.
 */
class ImageFolderEquivalenceTest {
    private static final int TRAIN = 600;
    private static final int TEST = 200;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void privateCache() {
        System.setProperty("selfsup4j.cache", tmp.resolve("cache").toString());
    }

    private static String folderName(int label) {
        return FashionMnist.CLASSES.get(label).replace('/', '_');
    }

    /** The first {@code n} images of an IDX split, reordered and relabelled as the folder holds them. */
    private static ImageSet asFolder(ImageSet idx, int n, List<String> folderClasses) {
        List<Integer> order = IntStream.range(0, n).boxed().sorted(Comparator.comparing((Integer i) -> folderClasses
                .indexOf(folderName(idx.label(i)))).thenComparing(i -> i)).toList();
        byte[] px = new byte[n * idx.imageSize()];
        int[] y = new int[n];
        for (int k = 0; k < n; k++) {
            idx.buffer().get(order.get(k), px, k * idx.imageSize());
            y[k] = folderClasses.indexOf(folderName(idx.label(order.get(k))));
        }
        return new ImageSet(px, y, 1, 28, 28, folderClasses.size());
    }

    @Test
    void thePngCopyHasTheSamePixelsFeaturesAndProbeFigures() throws Exception {
        Splits idx = DataSpec.defaults().load();
        Path root = tmp.resolve("fashion-png");
        for (String split : List.of("train", "test")) {
            ImageSet set = idx.split(split);
            byte[] one = new byte[784];
            for (int i = 0; i < (split.equals("train") ? TRAIN : TEST); i++) {
                set.buffer().get(i, one, 0);
                BufferedImage img = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
                img.getRaster().setDataElements(0, 0, 28, 28, one);
                Path f = root.resolve(split).resolve(folderName(set.label(i))).resolve(String.format("%05d.png", i));
                Files.createDirectories(f.getParent());
                ImageIO.write(img, "png", f.toFile());
            }
        }
        Splits png = new DataSpec("image_folder", root.toString(), 0, "train", "fine", 0, 1, 0.2, 0, "fail").load();
        List<String> names = png.classNames();
        assertEquals(IntStream.range(0, 10).mapToObj(ImageFolderEquivalenceTest::folderName).sorted().toList(), names);
        Splits idxAsFolder = new Splits(asFolder(idx.train(), TRAIN, names), asFolder(idx.test(), TEST, names), root,
                java.util.Map.of(), names);
        for (String split : List.of("train", "test")) {
            assertArrayEquals(idxAsFolder.split(split).pixels(), png.split(split).pixels(), split + " pixels");
            assertArrayEquals(idxAsFolder.split(split).labels(), png.split(split).labels(), split + " labels");
        }

        ModelSpec model = ModelSpec.defaults();
        try (NDManager m = NDManager.newBaseManager(ai.djl.Device.cpu())) {
            HypersphereNetwork net = new HypersphereNetwork(model);
            net.initialize(m, new Shape(1, 1, 28, 28), 5);
            int dim = model.encoder().featureDim();
            Features a = FeatureExtractor.extract(net.encoder(), dim, idxAsFolder.test(), m, 64);
            Features b = FeatureExtractor.extract(net.encoder(), dim, png.test(), m, 64);
            assertArrayEquals(a.values(), b.values(), "bit-identical features");
        }

        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, "UTF-8");
        ProbeReport fromIdx = ProbeJob.pixels(tmp.resolve("p-idx"), DeviceSpec.parse("cpu"), idxAsFolder, quiet);
        ProbeReport fromPng = ProbeJob.pixels(tmp.resolve("p-png"), DeviceSpec.parse("cpu"), png, quiet);
        assertEquals(fromIdx.summaryLine(), fromPng.summaryLine());
        assertEquals(fromIdx.linear().top1(), fromPng.linear().top1(), 0.0);
        assertEquals(fromIdx.knnTop1(), fromPng.knnTop1(), 0.0);
    }
}
