package org.selfsup4j.recipe;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.selfsup4j.augment.Augmentation;
import org.selfsup4j.augment.Presets;
import org.selfsup4j.core.SelfsupException;
import org.selfsup4j.core.SpecType;
import org.selfsup4j.encoders.EncoderSpec;
import org.selfsup4j.encoders.HeadSpec;
import org.selfsup4j.losses.LossSpec;
import org.selfsup4j.losses.Miner;
import org.selfsup4j.losses.NegativeWeighting;
import org.selfsup4j.train.MethodSpec;

/**
 * Every component a recipe can name, read from the {@link Registry} and the specs themselves: for each
 * family its recipe key, and for each member its {@code type}, one-line doc and options with their
 * defaults ({@code selfsup describe}). Nothing here is written by hand per component, so the catalogue
 * cannot drift from what recipes accept.
 */
public final class Catalogue {
    private static final Map<Class<?>, String[]> FAMILY_NAMES = new LinkedHashMap<>();

    static {
        FAMILY_NAMES.put(MethodSpec.class, new String[] {"methods", "method"});
        FAMILY_NAMES.put(EncoderSpec.class, new String[] {"encoders", "model.encoder"});
        FAMILY_NAMES.put(HeadSpec.class, new String[] {"heads", "model.head, model.predictor"});
        FAMILY_NAMES.put(LossSpec.class, new String[] {"losses", "loss"});
        FAMILY_NAMES.put(Miner.class, new String[] {"miners", "loss.miner"});
        FAMILY_NAMES.put(NegativeWeighting.class, new String[] {"hard-negative weightings", "loss.hard_negatives"});
        FAMILY_NAMES.put(Augmentation.class, new String[] {"augmentations", "augment.pipeline[], augment.groups[].pipeline[]"});
    }

    private Catalogue() {}

    /**
     * One component.
     *
     * @param family the family's name, e.g. {@code encoders}
     * @param key where a recipe names it, e.g. {@code model.encoder}
     * @param type its {@code type}
     * @param doc its one-line description
     * @param options its options with their defaults ({@code null} marks an option without one)
     */
    public record Entry(String family, String key, String type, String doc, Map<String, Object> options) {}

    /** @return every registered component, family by family, then the augmentation presets */
    public static List<Entry> entries() {
        List<Entry> out = new ArrayList<>();
        for (Map.Entry<Class<?>, String[]> f : FAMILY_NAMES.entrySet()) {
            for (Class<? extends Record> member : Registry.members(f.getKey())) {
                SpecType t = member.getAnnotation(SpecType.class);
                Object defaults = SpecBinder.defaults(member);
                Map<String, Object> options = new LinkedHashMap<>();
                if (defaults != null) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> m = (Map<String, Object>) SpecBinder.unbind(defaults);
                    m.remove("type");
                    options.putAll(m);
                } else {
                    for (var rc : member.getRecordComponents()) {
                        options.put(Names.snake(rc.getName()), null);
                    }
                }
                out.add(new Entry(f.getValue()[0], f.getValue()[1], t.value(), t.doc(), options));
            }
        }
        for (String preset : Presets.names()) {
            Map<String, Object> options = new LinkedHashMap<>();
            options.put("views", Presets.of(preset).stream().mapToInt(g -> g.count()).sum());
            options.put("pipelines", SpecBinder.unbind(Presets.of(preset).stream().map(g -> g.pipeline()).toList()));
            out.add(new Entry("augmentation presets", "augment.preset", preset, Presets.doc(preset), options));
        }
        return out;
    }

    /**
     * @param filter a family name, a {@code type}, or empty for all
     * @return the matching entries
     */
    public static List<Entry> select(String filter) {
        List<Entry> all = entries();
        if (filter == null || filter.isEmpty()) {
            return all;
        }
        List<Entry> hit = all.stream().filter(e -> e.family().equals(filter) || e.type().equals(filter)).toList();
        if (hit.isEmpty()) {
            List<String> names = new ArrayList<>();
            all.forEach(e -> {
                if (!names.contains(e.family())) {
                    names.add(e.family());
                }
                names.add(e.type());
            });
            throw SelfsupException.of("describe", "name", "a family or a type", "'" + filter + "'",
                    Names.suggestion(filter, names));
        }
        return hit;
    }
}
