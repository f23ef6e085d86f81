package org.selfsup4j.recipe;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.selfsup4j.augment.ViewsSpec;
import org.selfsup4j.data.DataSpec;
import org.selfsup4j.probe.ProbeSpec;
import org.selfsup4j.train.OptimizerSpec;
import org.selfsup4j.train.RecipeSection;
import org.selfsup4j.train.TrainSpec;
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
 * Every recipe section and every component a recipe can name, read from the {@link Registry} and the
 * specs themselves: for each family its recipe key, and for each member its {@code type}, one-line doc
 * and options with their defaults, and for a method the sections it reads and the encoders it trains
 * ({@code selfsup describe}, {@link #markdown()} for {@code docs/reference.md}). Nothing here is written by hand per component, so the catalogue
 * cannot drift from what recipes accept.
 */
public final class Catalogue {
    private static final String SECTIONS = "sections";
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

    /** @return every recipe section, every registered component family by family, then the augmentation presets */
    public static List<Entry> entries() {
        List<Entry> out = new ArrayList<>(sections());
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
                String doc = t.doc();
                if (defaults instanceof MethodSpec m) {
                    doc += "; reads " + (m.reads().isEmpty() ? "no optional section"
                            : m.reads().stream().map(RecipeSection::key).collect(Collectors.joining(", ")));
                    if (!m.encoders().isEmpty()) {
                        doc += "; encoders: " + m.encoders().stream().map(MethodSpec::name).collect(Collectors.joining(", "));
                    }
                }
                out.add(new Entry(f.getValue()[0], f.getValue()[1], t.value(), doc, options));
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
     * The fixed sections of a recipe with their defaults: the top-level keys, {@code data},
     * {@code augment}, {@code optimizer}, {@code train} and {@code eval} ({@code model}, {@code method}
     * and {@code loss} choose a component of a family below).
     */
    private static List<Entry> sections() {
        List<Entry> out = new ArrayList<>();
        Map<String, Object> top = new LinkedHashMap<>();
        top.put("name", "the file's name without .yaml");
        top.put("seed", 0);
        top.put("device", "auto");
        top.put("include", "[]");
        out.add(new Entry(SECTIONS, "", "(top level)", "the run's name, the root seed of every random stream, the "
                + "device (auto, cpu, gpu, gpu:N), and the files merged under this one", top));
        out.add(section("data", "the images: a dataset format (" + String.join(", ", org.selfsup4j.data.Datasets.names()) + ") and its folder, the pretraining split and how many of it, decode options (docs/data.md)",
                DataSpec.defaults()));
        out.add(section("augment", "the views: a preset, one pipeline × views, or view groups; local crops",
                ViewsSpec.defaults()));
        out.add(section("optimizer", "adam, adamw or sgd with linear warm-up then cosine decay to min_lr_ratio",
                OptimizerSpec.defaults()));
        out.add(section("train", "epochs or steps, batch size, checkpoints and training states, non-finite losses",
                TrainSpec.defaults()));
        out.add(section("eval", "the probe after pretraining (absent by default): linear probe, kNN, online "
                + "probe, hashing", ProbeSpec.defaults()));
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Entry section(String key, String doc, Object defaults) {
        Map<String, Object> options = new LinkedHashMap<>((Map<String, Object>) SpecBinder.unbind(defaults));
        return new Entry(SECTIONS, key, key, doc, options);
    }

    /**
     * The whole catalogue as Markdown, one table per family ({@code selfsup describe --markdown}, and
     * {@code docs/reference.md}, which a test holds equal to it).
     *
     * @return the Markdown text
     */
    public static String markdown() {
        StringBuilder md = new StringBuilder("# Recipe reference\n\nGenerated by `selfsup describe --markdown` from the "
                + "specs recipes bind to; do not edit. Each option is shown with its default.\n");
        String family = null;
        for (Entry e : entries()) {
            if (!e.family().equals(family)) {
                family = e.family();
                md.append("\n## ").append(family).append(e.key().isEmpty() || family.equals(SECTIONS) ? ""
                        : " (`" + e.key() + "`)").append("\n\n| type | what | options (defaults) |\n|---|---|---|\n");
            }
            md.append("| `").append(e.type()).append("` | ").append(e.doc().replace("|", "\\|")).append(" | ")
                    .append(options(e.options()).replace("|", "\\|")).append(" |\n");
        }
        return md.toString();
    }

    /**
     * @param options options and their defaults
     * @return {@code key: value, ...}, a missing default shown as {@code (required)}
     */
    public static String options(Map<String, Object> options) {
        return options.entrySet().stream().map(o -> o.getKey() + ": " + render(o.getValue()))
                .collect(Collectors.joining(", "));
    }

    private static String render(Object v) {
        if (v == null) {
            return "(required)";
        }
        if (v instanceof Map<?, ?> m) {
            return m.entrySet().stream().map(x -> x.getKey() + ": " + render(x.getValue()))
                    .collect(Collectors.joining(", ", "{", "}"));
        }
        if (v instanceof List<?> l) {
            return l.stream().map(Catalogue::render).collect(Collectors.joining(", ", "[", "]"));
        }
        return String.valueOf(v);
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
