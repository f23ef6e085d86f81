package org.selfsup4j.data;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.selfsup4j.core.SelfsupException;

/**
 * The dataset formats a recipe can name in {@code data.dataset}, by name. Built in:
 * {@code fashion_mnist}, {@code mnist}, {@code idx}, {@code cifar10}, {@code cifar100}, {@code stl10}
 * and {@code image_folder}; {@link #register} adds another (a library user's own format, or a test's).
 */
public final class Datasets {
    private static final Map<String, DatasetFormat> FORMATS = new ConcurrentHashMap<>();

    static {
        register(FashionMnist.FORMAT);
        register(Mnist.FORMAT);
        register(new IdxFormat());
        register(new CifarFormat(false));
        register(new CifarFormat(true));
        register(new Stl10Format());
        register(new ImageFolderFormat());
    }

    private Datasets() {}

    /**
     * Adds a format; its name must be new and snake_case.
     *
     * @param format the format
     * @throws IllegalArgumentException when the name is taken or malformed (a programming error)
     */
    public static void register(DatasetFormat format) {
        if (!format.name().matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("dataset format name must be snake_case, found '" + format.name() + "'");
        }
        if (FORMATS.putIfAbsent(format.name(), format) != null) {
            throw new IllegalArgumentException("dataset format '" + format.name() + "' is already registered");
        }
    }

    /** @return the registered names, sorted */
    public static List<String> names() {
        return FORMATS.keySet().stream().sorted().toList();
    }

    /**
     * @param name a {@code data.dataset} value
     * @return its format
     * @throws SelfsupException naming {@code dataset} when there is none of that name
     */
    public static DatasetFormat format(String name) {
        DatasetFormat f = FORMATS.get(name);
        if (f == null) {
            throw SelfsupException.of("dataset", "", "one of " + names(), "'" + name + "'", null);
        }
        return f;
    }
}
