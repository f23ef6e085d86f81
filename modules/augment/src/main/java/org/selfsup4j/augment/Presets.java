package org.selfsup4j.augment;

import java.util.List;
import org.selfsup4j.core.SelfsupException;

/**
 * The named view sets a recipe can start from ({@code augment: {preset: NAME}}).
 *
 * <ul>
 *   <li>{@code simclr} (Chen et al. 2020, Appendix A): 2 views of random resized crop (scale [0.08, 1]),
 *       horizontal flip, colour jitter (0.4, 0.4, 0.4, 0.1) with p 0.8, grayscale with p 0.2, Gaussian
 *       blur (σ [0.1, 2], kernel 10 % of the side) with p 0.5.</li>
 *   <li>{@code byol} (Grill et al. 2020, Table 6): two asymmetric views; both crop (scale [0.08, 1]),
 *       flip, jitter (0.4, 0.4, 0.2, 0.1) with p 0.8 and grayscale with p 0.2; view 1 always blurs, view 2
 *       blurs with p 0.1 and solarises with p 0.2.</li>
 *   <li>{@code mae} (He et al. 2022): 1 view of random resized crop (scale [0.2, 1]) and flip.</li>
 *   <li>{@code grayscale}: 2 views for 28×28 one-channel data such as Fashion-MNIST (colour operations
 *       are meaningless there; docs/components.md): crop (scale [0.2, 1]), flip, brightness/contrast jitter
 *       (0.4, 0.4) with p 0.8, a light blur (3×3, σ [0.1, 1]) with p 0.2, Gaussian noise (σ 0.05) with
 *       p 0.5. The default when a recipe names no augmentation.</li>
 *   <li>{@code none}: 1 view, the image itself (the classical setting of autoencoders, PCA and k-means).</li>
 * </ul>
 */
public final class Presets {
    private static final List<String> NAMES = List.of("simclr", "byol", "mae", "grayscale", "none");

    private Presets() {}

    /** @return the preset names */
    public static List<String> names() {
        return NAMES;
    }

    /**
     * @param name a preset name
     * @return its one-line description
     */
    public static String doc(String name) {
        return switch (name) {
            case "simclr" -> "SimCLR: 2 views of crop, flip, colour jitter, grayscale, blur";
            case "byol" -> "BYOL: 2 asymmetric views (view 1 always blurred, view 2 sometimes solarised)";
            case "mae" -> "MAE: 1 view of crop and flip";
            case "grayscale" -> "Fashion-MNIST: 2 views of crop, flip, brightness/contrast jitter, light blur, noise";
            case "none" -> "1 view, the image itself (autoencoders, PCA, k-means)";
            default -> throw SelfsupException.of("preset", "", "one of " + NAMES, "'" + name + "'", null);
        };
    }

    /**
     * @param name a preset name
     * @return its view groups
     */
    public static List<ViewGroup> of(String name) {
        RandomResizedCrop crop = new RandomResizedCrop(0.08, 1.0, 3.0 / 4, 4.0 / 3);
        HorizontalFlip flip = HorizontalFlip.defaults();
        return switch (name) {
            case "simclr" -> List.of(new ViewGroup(2, List.of(crop, flip, ColorJitter.defaults(),
                    RandomGrayscale.defaults(), GaussianBlur.defaults())));
            case "byol" -> {
                ColorJitter jitter = new ColorJitter(0.4, 0.4, 0.2, 0.1, 0.8);
                GaussianBlur blur = GaussianBlur.defaults();
                yield List.of(
                        new ViewGroup(1, List.of(crop, flip, jitter, RandomGrayscale.defaults(),
                                new GaussianBlur(blur.kernelSize(), blur.sigmaMin(), blur.sigmaMax(), 1.0))),
                        new ViewGroup(1, List.of(crop, flip, jitter, RandomGrayscale.defaults(),
                                new GaussianBlur(blur.kernelSize(), blur.sigmaMin(), blur.sigmaMax(), 0.1),
                                Solarize.defaults())));
            }
            case "mae" -> List.of(new ViewGroup(1, List.of(RandomResizedCrop.defaults(), flip)));
            case "grayscale" -> List.of(new ViewGroup(2, List.of(RandomResizedCrop.defaults(), flip,
                    new ColorJitter(0.4, 0.4, 0, 0, 0.8), new GaussianBlur(3, 0.1, 1.0, 0.2), GaussianNoise.defaults())));
            case "none" -> List.of(ViewGroup.defaults());
            default -> throw SelfsupException.of("preset", "", "one of " + NAMES, "'" + name + "'", null);
        };
    }
}
