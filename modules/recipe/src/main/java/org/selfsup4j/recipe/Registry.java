package org.selfsup4j.recipe;

import java.util.concurrent.CopyOnWriteArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.selfsup4j.augment.Augmentation;
import org.selfsup4j.augment.ColorJitter;
import org.selfsup4j.augment.GaussianBlur;
import org.selfsup4j.augment.GaussianNoise;
import org.selfsup4j.augment.HorizontalFlip;
import org.selfsup4j.augment.Normalize;
import org.selfsup4j.augment.RandomAffine;
import org.selfsup4j.augment.RandomErasing;
import org.selfsup4j.augment.RandomGamma;
import org.selfsup4j.augment.RandomGrayscale;
import org.selfsup4j.augment.RandomResizedCrop;
import org.selfsup4j.augment.Solarize;
import org.selfsup4j.augment.VerticalFlip;
import org.selfsup4j.autoencoders.AeConvSpec;
import org.selfsup4j.autoencoders.AeMlpSpec;
import org.selfsup4j.autoencoders.AutoencoderMethodSpec;
import org.selfsup4j.autoencoders.KMeansEncoderSpec;
import org.selfsup4j.autoencoders.KMeansMethodSpec;
import org.selfsup4j.autoencoders.PcaMethodSpec;
import org.selfsup4j.autoencoders.PsdMethodSpec;
import org.selfsup4j.autoencoders.VaeMethodSpec;
import org.selfsup4j.core.SpecType;
import org.selfsup4j.encoders.ConvNetSpec;
import org.selfsup4j.encoders.EncoderSpec;
import org.selfsup4j.encoders.HeadSpec;
import org.selfsup4j.encoders.MlpEncoderSpec;
import org.selfsup4j.encoders.ProjectionHeadSpec;
import org.selfsup4j.encoders.ResNetSpec;
import org.selfsup4j.encoders.VitSpec;
import org.selfsup4j.losses.AlignUniformSpec;
import org.selfsup4j.losses.AllPairsMiner;
import org.selfsup4j.losses.AllTripletsMiner;
import org.selfsup4j.losses.BatchHardMiner;
import org.selfsup4j.losses.HardNegativePairMiner;
import org.selfsup4j.losses.HclWeighting;
import org.selfsup4j.losses.InfoNceSpec;
import org.selfsup4j.losses.LossSpec;
import org.selfsup4j.losses.Miner;
import org.selfsup4j.losses.NPairsSpec;
import org.selfsup4j.losses.NegativeWeighting;
import org.selfsup4j.losses.SemiHardMiner;
import org.selfsup4j.losses.SiameseSpec;
import org.selfsup4j.losses.SupConSpec;
import org.selfsup4j.losses.TopKNegatives;
import org.selfsup4j.losses.TripletSpec;
import org.selfsup4j.mae.MaeMethodSpec;
import org.selfsup4j.train.ContrastiveMethodSpec;
import org.selfsup4j.train.MethodSpec;
import org.selfsup4j.train.MetricMethodSpec;
import org.selfsup4j.train.PredictiveMethodSpec;

/**
 * The component families a recipe can choose from by {@code type} name, and their members. This
 * closed list is the only way a recipe selects an implementation: names in a file are looked up
 * here, never loaded as classes.
 */
public final class Registry {
    private static final Map<Class<?>, List<Class<? extends Record>>> FAMILIES = new LinkedHashMap<>();

    static {
        FAMILIES.put(EncoderSpec.class, listOf(ConvNetSpec.class, MlpEncoderSpec.class, ResNetSpec.class, VitSpec.class,
                AeMlpSpec.class, AeConvSpec.class, KMeansEncoderSpec.class));
        FAMILIES.put(HeadSpec.class, listOf(ProjectionHeadSpec.class));
        FAMILIES.put(MethodSpec.class, listOf(ContrastiveMethodSpec.class, MetricMethodSpec.class,
                PredictiveMethodSpec.class, MaeMethodSpec.class, AutoencoderMethodSpec.class, VaeMethodSpec.class,
                PsdMethodSpec.class, PcaMethodSpec.class, KMeansMethodSpec.class));
        FAMILIES.put(LossSpec.class, listOf(InfoNceSpec.class, SupConSpec.class, SiameseSpec.class, TripletSpec.class,
                NPairsSpec.class, AlignUniformSpec.class));
        FAMILIES.put(Miner.class, listOf(AllPairsMiner.class, AllTripletsMiner.class, BatchHardMiner.class,
                SemiHardMiner.class, HardNegativePairMiner.class));
        FAMILIES.put(NegativeWeighting.class, listOf(HclWeighting.class, TopKNegatives.class));
        FAMILIES.put(Augmentation.class, listOf(RandomResizedCrop.class, HorizontalFlip.class, VerticalFlip.class,
                RandomAffine.class, GaussianBlur.class, ColorJitter.class, RandomGrayscale.class, RandomGamma.class,
                GaussianNoise.class, RandomErasing.class, Solarize.class, Normalize.class));
    }

    private Registry() {}

    @SafeVarargs
    private static List<Class<? extends Record>> listOf(Class<? extends Record>... members) {
        return new CopyOnWriteArrayList<>(members);
    }

    /**
     * Adds a member to a family so that recipes can name it by its {@link SpecType} value: how a
     * component that lives outside this repository (a user's own loss, augmentation or method) joins,
     * before recipes are loaded. A shipped component is one more entry in the lists above instead.
     *
     * @param family the family interface, e.g. {@code LossSpec.class}
     * @param member a record implementing it, annotated with {@link SpecType}
     * @throws IllegalArgumentException when the family is unknown, the member does not implement it, has
     *     no {@link SpecType}, or its name is taken in the family (programming errors)
     */
    public static synchronized void register(Class<?> family, Class<? extends Record> member) {
        List<Class<? extends Record>> list = FAMILIES.get(family);
        if (list == null || !family.isAssignableFrom(member) || typeName(member) == null) {
            throw new IllegalArgumentException(member + " must be a @SpecType record implementing a family, "
                    + "found family " + family + (list == null ? " (unknown)" : ""));
        }
        if (lookup(family, typeName(member)) != null) {
            throw new IllegalArgumentException(family.getSimpleName() + " '" + typeName(member) + "' is already registered");
        }
        list.add(member);
    }

    /**
     * @param type a class
     * @return whether it is a family (an interface chosen by {@code type})
     */
    public static boolean isFamily(Class<?> type) {
        return FAMILIES.containsKey(type);
    }

    /**
     * @param family the family interface
     * @return its members, in registration order
     */
    public static List<Class<? extends Record>> members(Class<?> family) {
        return FAMILIES.getOrDefault(family, List.of());
    }

    /** @return every family with its members */
    public static Map<Class<?>, List<Class<? extends Record>>> families() {
        return FAMILIES;
    }

    /**
     * @param member a member record class
     * @return its {@code type} name
     */
    public static String typeName(Class<?> member) {
        SpecType t = member.getAnnotation(SpecType.class);
        return t == null ? null : t.value();
    }

    /**
     * @param family the family
     * @param type a {@code type} name
     * @return the member, or {@code null}
     */
    public static Class<? extends Record> lookup(Class<?> family, String type) {
        for (Class<? extends Record> c : members(family)) {
            if (type.equals(typeName(c))) {
                return c;
            }
        }
        return null;
    }
}
