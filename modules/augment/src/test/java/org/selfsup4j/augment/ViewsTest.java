package org.selfsup4j.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.selfsup4j.core.ManagedTest;
import org.selfsup4j.core.SeedTree;
import org.selfsup4j.core.SelfsupException;

/** Presets, view groups, multi-crop and the reproducibility of views. */
class ViewsTest extends ManagedTest {
    @Test
    void everyPresetMakesItsViewsOnOneAndThreeChannels() {
        int[] counts = {2, 2, 1, 2, 1};
        for (int i = 0; i < Presets.names().size(); i++) {
            String name = Presets.names().get(i);
            MultiView views = ViewsSpec.preset(name).build();
            assertEquals(counts[i], views.views(), name);
            for (int c : new int[] {1, 3}) {
                NDList out = views.apply(m.randomUniform(0, 1, new Shape(8, c, 28, 28)), new SeedTree(1), 0);
                for (NDArray v : out) {
                    assertEquals(new Shape(8, c, 28, 28), v.getShape(), name);
                    assertTrue(v.min().getFloat() >= 0f && v.max().getFloat() <= 1f, name);
                }
            }
        }
        // BYOL's two views differ in their pipelines: view 1 always blurs, view 2 may solarise
        List<ViewGroup> byol = ViewsSpec.preset("byol").resolvedGroups();
        assertEquals(1.0, ((GaussianBlur) byol.get(0).pipeline().get(4)).p());
        assertEquals(Solarize.defaults(), byol.get(1).pipeline().get(5));
        assertEquals(Presets.of("grayscale"), ViewsSpec.defaults().resolvedGroups());
        // 'none' is one view, the images themselves
        NDArray x = m.randomUniform(0, 1, new Shape(4, 1, 28, 28));
        NDList same = ViewsSpec.preset("none").build().apply(x, new SeedTree(3), 7);
        assertEquals(1, same.size());
        assertArrayEquals(x.toFloatArray(), same.get(0).toFloatArray());
    }

    @Test
    void localCropsAddSmallViewsAfterTheGlobalOnes() {
        ViewsSpec spec = new ViewsSpec("simclr", 0, List.of(), List.of(), new LocalCrops(3, 12, 0.05, 0.3));
        assertEquals(5, spec.viewCount());
        NDList out = spec.build().apply(m.randomUniform(0, 1, new Shape(4, 1, 28, 28)), new SeedTree(2), 3);
        for (int v = 0; v < 5; v++) {
            assertEquals(v < 2 ? new Shape(4, 1, 28, 28) : new Shape(4, 1, 12, 12), out.get(v).getShape());
        }
        RandomResizedCrop small = (RandomResizedCrop) spec.resolvedGroups().get(1).pipeline().get(0);
        assertEquals(new RandomResizedCrop(0.05, 0.3, 0.75, 4.0 / 3, 12), small);
        assertEquals(4, new ViewsSpec("grayscale", 4, List.of(), List.of(), null).viewCount());
    }

    @Test
    void conflictingOrImpossibleSectionsAreCleanErrors() {
        List<Augmentation> flip = List.of(HorizontalFlip.defaults());
        assertEquals("preset: must be given alone: name one of preset, pipeline or groups, found more than one",
                assertThrows(SelfsupException.class, () -> new ViewsSpec("simclr", 0, flip, List.of(), null)).getMessage());
        assertEquals("views: must be 0 for the asymmetric preset 'byol' (2 different views), found 3",
                assertThrows(SelfsupException.class, () -> new ViewsSpec("byol", 3, List.of(), List.of(), null)).getMessage());
        assertEquals("local_crops: must be used with a first view pipeline that has a random_resized_crop, found none",
                assertThrows(SelfsupException.class, () -> new ViewsSpec("", 2, flip, List.of(), LocalCrops.defaults()))
                        .getMessage());
        assertEquals("preset: must be one of [simclr, byol, mae, grayscale, none], found 'simclar'",
                assertThrows(SelfsupException.class, () -> ViewsSpec.preset("simclar")).getMessage());
        Normalize norm = Normalize.defaults();
        assertEquals("normalize: must be the last step of its pipeline, found step 1 of 2",
                assertThrows(SelfsupException.class, () -> new ViewsSpec(2, List.of(norm, HorizontalFlip.defaults())))
                        .getMessage());
        assertThrows(SelfsupException.class, () -> new ViewsSpec("", 0, List.of(), List.of(new ViewGroup(1, List.of(norm)),
                new ViewGroup(1, flip)), null));
        assertEquals(norm, new ViewsSpec(2, List.of(HorizontalFlip.defaults(), norm)).inference().orElseThrow());
        assertTrue(ViewsSpec.defaults().inference().isEmpty());
    }

    @Test
    void viewsAreTheSameWhateverTheThreadTiming() throws Exception {
        MultiView views = ViewsSpec.preset("simclr").build();
        NDArray x = m.randomUniform(0, 1, new Shape(16, 3, 20, 20));
        List<float[]> sequential = new ArrayList<>();
        for (int step = 0; step < 8; step++) {
            sequential.add(views.apply(x, new SeedTree(5), step).get(1).toFloatArray());
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<float[]>> parallel = new ArrayList<>();
            for (int step = 7; step >= 0; step--) {
                int s = step;
                parallel.add(pool.submit(() -> {
                    try (NDManager local = NDManager.newBaseManager()) {
                        NDArray copy = local.create(x.toFloatArray(), x.getShape());
                        return views.apply(copy, new SeedTree(5), s).get(1).toFloatArray();
                    }
                }));
            }
            for (int i = 0; i < 8; i++) {
                assertArrayEquals(sequential.get(7 - i), parallel.get(i).get(), "step " + (7 - i));
            }
        } finally {
            pool.shutdown();
        }
    }
}
