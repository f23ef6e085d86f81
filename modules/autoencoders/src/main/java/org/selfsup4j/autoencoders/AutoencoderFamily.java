package org.selfsup4j.autoencoders;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.selfsup4j.encoders.EncoderSpec;
import org.selfsup4j.train.MethodSpec;
import org.selfsup4j.train.RecipeSection;

/**
 * The contract the gradient-trained autoencoders share ({@code autoencoder}, {@code vae}, {@code psd}):
 * they read the views ({@code augment: {preset: none}} for the classical unaugmented setting) and the
 * optimizer, but no loss, head or predictor (each trains on its own reconstruction cost, encoder and
 * decoder only), and they need an encoder their decoder can mirror: {@code ae_mlp} or {@code ae_conv}.
 */
interface AutoencoderFamily extends MethodSpec {
    @Override
    default Set<RecipeSection> reads() {
        return EnumSet.of(RecipeSection.AUGMENT, RecipeSection.OPTIMIZER);
    }

    @Override
    default String unread(RecipeSection section) {
        return "the autoencoder family trains on its own reconstruction cost, encoder and decoder only";
    }

    @Override
    default List<Class<? extends EncoderSpec>> encoders() {
        return List.of(AeMlpSpec.class, AeConvSpec.class);
    }
}
