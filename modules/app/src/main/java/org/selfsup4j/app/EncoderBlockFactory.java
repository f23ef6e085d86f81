package org.selfsup4j.app;

import ai.djl.Model;
import ai.djl.nn.Block;
import ai.djl.nn.BlockFactory;
import java.nio.file.Path;
import java.util.Map;

/**
 * DJL's hook for models whose block is code, not TorchScript: {@code Criteria} with
 * {@code optArgument("blockFactory", EncoderBlockFactory.class.getName())} (or the exported
 * {@code serving.properties}) asks it for the block of an exported directory, then loads
 * {@code encoder-0000.params} into it. The block is rebuilt from {@code encoder.yaml} through the
 * registry, never by loading a class named in the file.
 */
public final class EncoderBlockFactory implements BlockFactory {
    private static final long serialVersionUID = 1L;

    @Override
    public Block newBlock(Model model, Path modelPath, Map<String, ?> arguments) {
        ExportedEncoderSpec spec = EncoderExport.readSpec(modelPath);
        return EncoderExport.block(spec, spec.model().encoder().build());
    }
}
