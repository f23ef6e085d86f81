package org.selfsup4j.augment;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.selfsup4j.core.SelfsupException;

/**
 * The recipe's {@code augment} section: which views each image gets. Exactly one source of views:
 *
 * <ul>
 *   <li>{@code preset}: a named set ({@link Presets}: {@code simclr}, {@code byol}, {@code mae},
 *       {@code grayscale});</li>
 *   <li>{@code pipeline}: one pipeline shared by every view, each view drawn independently (SimCLR);</li>
 *   <li>{@code groups}: explicit {@link ViewGroup}s, one pipeline per group (asymmetric views, custom
 *       multi-crop).</li>
 * </ul>
 * With none of them the {@code grayscale} preset is used. {@code views} (0 = the source's own count,
 * 2 for a pipeline) sets how many views a symmetric preset or a pipeline makes. {@code local_crops} adds
 * multi-crop's small crops ({@link LocalCrops}) to any of them. View {@code v} (counted across groups)
 * draws from its own stream ({@link MultiView}).
 *
 * @param preset a preset name, or empty
 * @param views the number of views for a symmetric preset or a pipeline, 0 for the default
 * @param pipeline a shared pipeline, or empty
 * @param groups explicit view groups, or empty
 * @param localCrops multi-crop's small crops, or {@code null} for none
 */
public record ViewsSpec(String preset, int views, List<Augmentation> pipeline, List<ViewGroup> groups,
        LocalCrops localCrops) {
    /** Validates: one source, a count that fits it, a crop to shrink for local crops, one normalisation. */
    public ViewsSpec {
        pipeline = List.copyOf(pipeline);
        groups = List.copyOf(groups);
        if (views < 0) {
            throw SelfsupException.of("views", "", ">= 0 (0: the default count)", views, null);
        }
        int sources = (preset.isEmpty() ? 0 : 1) + (pipeline.isEmpty() ? 0 : 1) + (groups.isEmpty() ? 0 : 1);
        if (sources > 1) {
            throw SelfsupException.of("preset", "", "given alone: name one of preset, pipeline or groups",
                    "more than one", null);
        }
        if (!groups.isEmpty() && views != 0) {
            throw SelfsupException.of("views", "", "0 with groups (each group has its count)", views, null);
        }
        resolve(preset, views, pipeline, groups, localCrops);
    }

    /**
     * @param views the number of views
     * @param pipeline the shared pipeline
     */
    public ViewsSpec(int views, List<Augmentation> pipeline) {
        this("", views, pipeline, List.of(), null);
    }

    /** @return no source given: the {@code grayscale} preset's two views */
    public static ViewsSpec defaults() {
        return new ViewsSpec("", 0, List.of(), List.of(), null);
    }

    /**
     * @param name a preset name
     * @return that preset with its own view count
     */
    public static ViewsSpec preset(String name) {
        return new ViewsSpec(name, 0, List.of(), List.of(), null);
    }

    /**
     * @param mean the data's per-channel means
     * @param std the data's per-channel standard deviations
     * @return this spec with every {@link Normalize} that takes its statistics from the data given them
     */
    public ViewsSpec withStatistics(List<Double> mean, List<Double> std) {
        java.util.function.UnaryOperator<List<Augmentation>> fill = p -> p.stream().map(a -> a instanceof Normalize n
                && n.fromData() ? (Augmentation) new Normalize(mean, std) : a).toList();
        return new ViewsSpec(preset, views, fill.apply(pipeline), groups.stream().map(g -> new ViewGroup(g.count(),
                fill.apply(g.pipeline()))).toList(), localCrops);
    }

    /** @return whether a {@link Normalize} waits for the data's statistics */
    public boolean needsStatistics() {
        return java.util.stream.Stream.concat(pipeline.stream(), groups.stream().flatMap(g -> g.pipeline().stream()))
                .anyMatch(a -> a instanceof Normalize n && n.fromData());
    }

    /** @return the resolved view groups, local crops last */
    public List<ViewGroup> resolvedGroups() {
        return resolve(preset, views, pipeline, groups, localCrops);
    }

    /** @return the total number of views */
    public int viewCount() {
        return resolvedGroups().stream().mapToInt(ViewGroup::count).sum();
    }

    /** @return the multi-view transform: view v of the concatenated groups through its group's pipeline */
    public MultiView build() {
        List<Augmentation> perView = new ArrayList<>();
        for (ViewGroup g : resolvedGroups()) {
            perView.addAll(Collections.nCopies(g.count(), new Pipeline(g.pipeline())));
        }
        return new MultiView(perView);
    }

    /**
     * The deterministic transform feature extraction must apply so the encoder sees what it was trained
     * on: the {@link Normalize} every view's pipeline ends with, if any.
     *
     * @return the shared final normalisation, or empty when no view normalises
     */
    public Optional<Normalize> inference() {
        return finalNormalize(resolvedGroups());
    }

    private static List<ViewGroup> resolve(String preset, int views, List<Augmentation> pipeline, List<ViewGroup> groups,
            LocalCrops localCrops) {
        List<ViewGroup> out = new ArrayList<>();
        if (!groups.isEmpty()) {
            out.addAll(groups);
        } else if (!pipeline.isEmpty()) {
            out.add(new ViewGroup(views == 0 ? 2 : views, pipeline));
        } else {
            List<ViewGroup> named = Presets.of(preset.isEmpty() ? "grayscale" : preset);
            if (views != 0 && named.size() != 1) {
                throw SelfsupException.of("views", "", "0 for the asymmetric preset '" + preset + "' ("
                        + named.size() + " different views)", views, null);
            }
            out.addAll(views == 0 ? named : List.of(new ViewGroup(views, named.get(0).pipeline())));
        }
        if (localCrops != null) {
            List<Augmentation> base = out.get(0).pipeline();
            List<Augmentation> small = new ArrayList<>();
            boolean cropped = false;
            for (Augmentation a : base) {
                if (a instanceof RandomResizedCrop c && !cropped) {
                    small.add(c.resized(localCrops.size(), localCrops.scaleMin(), localCrops.scaleMax()));
                    cropped = true;
                } else {
                    small.add(a);
                }
            }
            if (!cropped) {
                throw SelfsupException.of("local_crops", "", "used with a first view pipeline that has a "
                        + "random_resized_crop", "none", null);
            }
            out.add(new ViewGroup(localCrops.count(), small));
        }
        finalNormalize(out);
        return out;
    }

    private static Optional<Normalize> finalNormalize(List<ViewGroup> groups) {
        List<Normalize> last = new ArrayList<>();
        int plain = 0;
        for (ViewGroup g : groups) {
            List<Augmentation> p = g.pipeline();
            for (int i = 0; i < p.size() - 1; i++) {
                if (p.get(i) instanceof Normalize) {
                    throw SelfsupException.of("normalize", "", "the last step of its pipeline", "step " + (i + 1)
                            + " of " + p.size(), null);
                }
            }
            if (!p.isEmpty() && p.get(p.size() - 1) instanceof Normalize n) {
                last.add(n);
            } else {
                plain++;
            }
        }
        if (last.isEmpty()) {
            return Optional.empty();
        }
        if (plain > 0 || last.stream().distinct().count() > 1) {
            throw SelfsupException.of("normalize", "", "the same final step of every view's pipeline (the probe "
                    + "applies it)", "views that differ", null);
        }
        return Optional.of(last.get(0));
    }
}
