package org.selfsup4j.probe;

import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.OutputStreamWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import org.selfsup4j.core.RunDirectory;

/**
 * Writes embeddings for other tools: NumPy {@code .npy} (format version 1.0: the magic
 * {@code \x93NUMPY}, version bytes 1 0, a little-endian uint16 header length, an ASCII dict
 * {@code {'descr': '<f4', 'fortran_order': False, 'shape': (n, d), }} padded with spaces to a multiple of
 * 64 bytes and ending in a newline, then the C-order little-endian data), loadable with
 * {@code numpy.load}; and CSV with a header {@code label,f0,…,f(d−1)}, one row per item, floats with 9
 * significant digits (exact round trip of float32). Every file is written atomically.
 */
public final class EmbeddingExport {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0};

    private EmbeddingExport() {}

    /**
     * @param file the {@code .npy} file
     * @param f the features: a float32 {@code (n, d)} array
     */
    public static void featuresNpy(Path file, Features f) {
        ByteBuffer data = ByteBuffer.allocate(f.values().length * 4).order(ByteOrder.LITTLE_ENDIAN);
        data.asFloatBuffer().put(f.values());
        RunDirectory.writeAtomically(file, npy("<f4", "(" + f.n() + ", " + f.dim() + ")", data.array()));
    }

    /**
     * @param file the {@code .npy} file
     * @param f the features: their labels as an int32 {@code (n,)} array
     */
    public static void labelsNpy(Path file, Features f) {
        ByteBuffer data = ByteBuffer.allocate(f.n() * 4).order(ByteOrder.LITTLE_ENDIAN);
        data.asIntBuffer().put(f.labels());
        RunDirectory.writeAtomically(file, npy("<i4", "(" + f.n() + ",)", data.array()));
    }

    /**
     * @param descr the NumPy dtype string
     * @param shape the shape tuple as Python writes it
     * @param data the raw data
     * @return the whole file
     */
    static byte[] npy(String descr, String shape, byte[] data) {
        String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ", }";
        int unpadded = MAGIC.length + 2 + dict.length() + 1;
        int total = (unpadded + 63) / 64 * 64;
        String header = dict + " ".repeat(total - unpadded) + "\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream(total + data.length);
        out.writeBytes(MAGIC);
        int len = header.length();
        out.write(len & 0xff);
        out.write(len >>> 8);
        out.writeBytes(header.getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(data);
        return out.toByteArray();
    }

    /**
     * Writes {@code label,class,f0,…}: the label (−1 for an unlabelled image), its class name (empty
     * when unlabelled; quoted per RFC 4180 when it holds a comma or a quote) and the features.
     *
     * @param file the CSV file
     * @param f the features and labels
     * @param classNames the dataset's class names, by label
     */
    public static void csv(Path file, Features f, java.util.List<String> classNames) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (BufferedWriter w = new BufferedWriter(new OutputStreamWriter(bytes, StandardCharsets.UTF_8))) {
            w.write("label,class");
            for (int j = 0; j < f.dim(); j++) {
                w.write(",f" + j);
            }
            w.write('\n');
            for (int i = 0; i < f.n(); i++) {
                int y = f.labels()[i];
                String name = y >= 0 && y < classNames.size() ? classNames.get(y) : "";
                w.write(y + "," + (name.contains(",") || name.contains("\"") ? "\"" + name.replace("\"", "\"\"") + "\""
                        : name));
                for (int j = 0; j < f.dim(); j++) {
                    w.write(',');
                    w.write(String.format(Locale.ROOT, "%.9g", f.values()[i * f.dim() + j]));
                }
                w.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        RunDirectory.writeAtomically(file, bytes.toByteArray());
    }
}
