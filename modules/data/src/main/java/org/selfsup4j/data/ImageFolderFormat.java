package org.selfsup4j.data;

import java.io.IOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.selfsup4j.core.Permutation;
import org.selfsup4j.core.SelfsupException;
import org.selfsup4j.core.StopSignal;

/**
 * A folder of image files ({@code data.dataset: image_folder}, {@code data.path} the root), laid out as
 * torchvision's {@code ImageFolder}:
 *
 * <ul>
 *   <li>{@code root/train/<class>/…} and {@code root/test/<class>/…}: the given splits;</li>
 *   <li>{@code root/<class>/…}: labelled, split per class by a seeded shuffle into
 *       {@code data.test_fraction} test and the rest train (stratified);</li>
 *   <li>image files directly in {@code root}: unlabelled, all for pretraining (no probe).</li>
 * </ul>
 * Classes are the sub-folder names, sorted; a class folder is searched recursively (symbolic links
 * followed; a loop is an error). Files whose name starts with a dot and files without an image
 * extension ({@code png jpg jpeg bmp gif}, any case) are skipped and counted. Within a split images are
 * ordered by class, then by path. Each image is decoded by {@link ImageDecoder} ({@code data.channels},
 * {@code data.image_size}; with size 0 all images must share the first one's size); one that cannot be
 * decoded is skipped with a count and a warning, or stops the run with {@code data.on_bad_image: fail}.
 * Decoding runs once, in parallel, into the {@link DecodedCache}, keyed by every file's path, size and
 * modification time and the decode settings.
 */
public final class ImageFolderFormat implements DatasetFormat {
    private static final Set<String> EXTENSIONS = Set.of("png", "jpg", "jpeg", "bmp", "gif");
    private static final int BLOCK = 256;

    /** One file to decode: its split, label (−1 unlabelled) and path. */
    private record Item(String split, int label, Path file) {}

    @Override
    public String name() {
        return "image_folder";
    }

    @Override
    public Set<String> options() {
        return Set.of("image_size", "channels", "test_fraction", "split_seed", "on_bad_image");
    }

    @Override
    public Splits load(DataSpec spec) {
        Path root = spec.folder("");
        Map<String, Integer> skipped = new TreeMap<>();
        List<String> classes;
        List<Item> items = new ArrayList<>();
        if (Files.isDirectory(root.resolve("train")) && Files.isDirectory(root.resolve("test"))) {
            classes = classFolders(root.resolve("train"));
            for (String split : List.of("train", "test")) {
                for (String c : classFolders(root.resolve(split))) {
                    if (!classes.contains(c)) {
                        throw SelfsupException.of(root.resolve(split).resolve(c).toString(), "class folder", "one of the "
                                + "classes of train/ " + classes, "'" + c + "'", null);
                    }
                }
                for (int c = 0; c < classes.size(); c++) {
                    Path dir = root.resolve(split).resolve(classes.get(c));
                    for (Path f : Files.isDirectory(dir) ? images(dir, skipped, split.equals("train")) : List.<Path>of()) {
                        items.add(new Item(split, c, f));
                    }
                }
            }
            if (items.stream().noneMatch(i -> i.split().equals("test"))) {
                throw SelfsupException.of(root.resolve("test").toString(), "test folder", "images in class folders",
                        "none", null);
            }
        } else {
            classes = classFolders(root);
            if (classes.isEmpty()) {
                for (Path f : images(root, skipped, false)) {
                    items.add(new Item("train", -1, f));
                }
            } else {
                split(root, classes, spec, skipped, items);
            }
        }
        return decode(root, spec, classes, items, skipped);
    }

    private static void split(Path root, List<String> classes, DataSpec spec, Map<String, Integer> skipped,
            List<Item> items) {
        List<Item> test = new ArrayList<>();
        for (int c = 0; c < classes.size(); c++) {
            List<Path> files = images(root.resolve(classes.get(c)), skipped, true);
            int n = files.size();
            int[] order = Permutation.random(n, new SplittableRandom(spec.splitSeed() * 1_000_003L + c));
            boolean[] held = new boolean[n];
            int k = (int) Math.round(n * spec.testFraction());
            for (int i = 0; i < k; i++) {
                held[order[i]] = true;
            }
            for (int i = 0; i < n; i++) {
                (held[i] ? test : items).add(new Item(held[i] ? "test" : "train", c, files.get(i)));
            }
        }
        if (spec.testFraction() > 0 && test.isEmpty()) {
            throw SelfsupException.of(root.toString(), "data.test_fraction", "large enough to hold out an image",
                    spec.testFraction(), "raise it, or arrange root/train and root/test");
        }
        items.addAll(test);
    }

    private static List<String> classFolders(Path dir) {
        List<String> out = new ArrayList<>();
        try (var s = Files.list(dir)) {
            s.filter(p -> Files.isDirectory(p) && !p.getFileName().toString().startsWith("."))
                    .forEach(p -> out.add(p.getFileName().toString()));
        } catch (IOException e) {
            throw SelfsupException.of(dir.toString(), "folder", "readable", e.getClass().getSimpleName(), null);
        }
        out.sort(null);
        return out;
    }

    private static List<Path> images(Path dir, Map<String, Integer> skipped, boolean required) {
        List<Path> out = new ArrayList<>();
        try {
            Files.walkFileTree(dir, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes a) {
                    return !d.equals(dir) && d.getFileName().toString().startsWith(".") ? FileVisitResult.SKIP_SUBTREE
                            : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path f, BasicFileAttributes a) {
                    String name = f.getFileName().toString();
                    int dot = name.lastIndexOf('.');
                    String ext = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
                    if (name.startsWith(".")) {
                        skipped.merge("hidden", 1, Integer::sum);
                    } else if (!EXTENSIONS.contains(ext)) {
                        skipped.merge("not an image", 1, Integer::sum);
                    } else {
                        out.add(f);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path f, IOException e) throws IOException {
                    if (e instanceof FileSystemLoopException) {
                        throw e;
                    }
                    out.add(f); // a dangling link or an unreadable entry: decoding reports it as a bad image
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (FileSystemLoopException e) {
            throw SelfsupException.of(e.getFile(), "folder", "free of symbolic-link loops", "a link back to an enclosing "
                    + "folder", "remove the link");
        } catch (IOException e) {
            throw SelfsupException.of(dir.toString(), "folder", "readable", e.getClass().getSimpleName(), null);
        }
        if (out.isEmpty() && required) {
            throw SelfsupException.of(dir.toString(), "class folder", "holding at least one image (png, jpg, jpeg, bmp, gif)",
                    "none", "remove the empty folder or add images");
        }
        out.sort(null);
        return out;
    }

    private static Splits decode(Path root, DataSpec spec, List<String> classes, List<Item> items,
            Map<String, Integer> skipped) {
        if (items.isEmpty()) {
            throw SelfsupException.of(root.toString(), "image folder", "holding image files (png, jpg, jpeg, bmp, gif), in "
                    + "class folders or directly inside", "none", null);
        }
        int side = spec.imageSize();
        int[] shape = side > 0 ? new int[] {side, side} : firstSize(items, spec);
        List<String> key = new ArrayList<>(List.of("image_folder v1", root.toAbsolutePath().toString(),
                "channels " + spec.channels(), "image_size " + side, "on_bad_image " + spec.onBadImage(),
                "classes " + classes));
        for (Item it : items) {
            key.add(it.split() + " " + it.label() + " " + root.relativize(it.file()) + " " + statOrMissing(it.file()));
        }
        return DecodedCache.open(DecodedCache.key(key), root, List.of(spec.channels(), shape[1], shape[0]), classes,
                w -> {
                    skipped.forEach(w::skip);
                    String[] firstBad = {null};
                    int[] bad = {0};
                    try (DecodeProgress progress = new DecodeProgress("decoding " + root, items.size())) {
                        String split = null;
                        for (int from = 0; from < items.size(); from += BLOCK) {
                            StopSignal.check();
                            int to = Math.min(items.size(), from + BLOCK);
                            Object[] out = IntStream.range(from, to).parallel().mapToObj(i -> {
                                try {
                                    return ImageDecoder.decode(items.get(i).file(), spec.channels(), side);
                                } catch (ImageDecoder.BadImage e) {
                                    return e;
                                }
                            }).toArray();
                            for (int i = from; i < to; i++) {
                                Item it = items.get(i);
                                if (!it.split().equals(split)) {
                                    split = it.split();
                                    w.begin(split, it.label() >= 0);
                                }
                                progress.step();
                                if (out[i - from] instanceof ImageDecoder.Decoded d) {
                                    if (d.height() != shape[1] || d.width() != shape[0]) {
                                        // only without image_size: with it every image comes out side × side
                                        throw SelfsupException.of(it.file().toString(), "image", "of one size", "a "
                                                + d.width() + "×" + d.height() + " image while the first is " + shape[0]
                                                + "×" + shape[1], "set data.image_size to resize and centre-crop every image");
                                    }
                                    w.add(d.chw(), it.label());
                                    continue;
                                }
                                ImageDecoder.BadImage e = (ImageDecoder.BadImage) out[i - from];
                                if (spec.onBadImage().equals("fail")) {
                                    throw undecodable(it.file(), e);
                                }
                                bad[0]++;
                                if (firstBad[0] == null) {
                                    firstBad[0] = it.file() + ": " + e.getMessage();
                                }
                            }
                        }
                    }
                    if (bad[0] > 0) {
                        w.skip("not decodable", bad[0]);
                        System.err.println("warning: skipped " + bad[0] + " image" + (bad[0] == 1 ? "" : "s")
                                + " that could not be decoded (first: " + firstBad[0] + "); data.on_bad_image: fail stops instead");
                    }
                });
    }

    private static int[] firstSize(List<Item> items, DataSpec spec) {
        for (Item it : items) {
            try {
                return ImageDecoder.size(it.file());
            } catch (ImageDecoder.BadImage e) {
                if (spec.onBadImage().equals("fail")) {
                    throw undecodable(it.file(), e);
                }
            }
        }
        throw SelfsupException.of(items.get(0).file().getParent().toString(), "images", "at least one decodable",
                "none of " + items.size(), null);
    }

    private static SelfsupException undecodable(Path file, ImageDecoder.BadImage e) {
        return SelfsupException.of(file.toString(), "image", "decodable", e.getMessage(),
                "remove it, or set data.on_bad_image: skip");
    }

    private static String statOrMissing(Path f) {
        try {
            return Files.size(f) + " " + Files.getLastModifiedTime(f).toMillis();
        } catch (IOException e) {
            return "unreadable";
        }
    }
}
