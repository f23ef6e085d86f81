package org.selfsup4j.losses;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Brute-force float64 references written from the definitions in the losses' Javadoc with explicit loops
 * over indices, independent of the tensor implementations they check.
 */
final class Reference {
    private Reference() {}

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    static double sqDist(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return s;
    }

    /** The named distance's value. */
    static double value(String distance, double[] a, double[] b) {
        return switch (distance) {
            case "cosine" -> dot(a, b) / (Math.sqrt(dot(a, a)) * Math.sqrt(dot(b, b)));
            case "dot" -> dot(a, b);
            case "euclidean" -> Math.sqrt(sqDist(a, b));
            case "squared_euclidean" -> sqDist(a, b);
            default -> throw new IllegalArgumentException(distance);
        };
    }

    /** Dissimilarity: the distance, or minus the similarity. */
    static double delta(String distance, double[] a, double[] b) {
        boolean sim = distance.equals("cosine") || distance.equals("dot");
        return sim ? -value(distance, a, b) : value(distance, a, b);
    }

    static double hinge(double x) {
        return Math.max(0, x);
    }

    /** Siamese: mean over ordered pairs i≠j of ½d² (same) / ½[m−d]₊² (different), margins m⁺, m⁻. */
    static double siamese(double[][] z, int[] y, double posMargin, double negMargin, boolean nonZero) {
        return siamese(z, y, "euclidean", posMargin, negMargin, nonZero);
    }

    /** Siamese with a named distance; for a similarity s the terms are ½[m⁺ − s]₊² and ½[s − m⁻]₊². */
    static double siamese(double[][] z, int[] y, String distance, double posMargin, double negMargin, boolean nonZero) {
        boolean sim = distance.equals("cosine") || distance.equals("dot");
        double sum = 0;
        int count = 0;
        int nz = 0;
        for (int i = 0; i < z.length; i++) {
            for (int j = 0; j < z.length; j++) {
                if (i == j) {
                    continue;
                }
                double d = value(distance, z[i], z[j]);
                double t;
                if (sim) {
                    t = y[i] == y[j] ? 0.5 * Math.pow(hinge(posMargin - d), 2) : 0.5 * Math.pow(hinge(d - negMargin), 2);
                } else {
                    t = y[i] == y[j] ? 0.5 * Math.pow(hinge(d - posMargin), 2) : 0.5 * Math.pow(hinge(negMargin - d), 2);
                }
                sum += t;
                count++;
                nz += t > 0 ? 1 : 0;
            }
        }
        int denom = nonZero ? nz : count;
        return denom == 0 ? 0 : sum / denom;
    }

    /** Triplet over explicit triplets {a, p, n}. */
    static double triplet(double[][] z, List<int[]> triplets, String distance, double m, boolean soft, boolean nonZero) {
        double sum = 0;
        int nz = 0;
        for (int[] t : triplets) {
            double x = delta(distance, z[t[0]], z[t[1]]) - delta(distance, z[t[0]], z[t[2]]);
            double v = soft ? Math.log(1 + Math.exp(x)) : hinge(x + m);
            sum += v;
            nz += v > 0 ? 1 : 0;
        }
        int denom = nonZero ? nz : triplets.size();
        return denom == 0 ? 0 : sum / denom;
    }

    static List<int[]> allTriplets(int[] y) {
        List<int[]> out = new ArrayList<>();
        for (int a = 0; a < y.length; a++) {
            for (int p = 0; p < y.length; p++) {
                for (int n = 0; n < y.length; n++) {
                    if (p != a && y[p] == y[a] && y[n] != y[a]) {
                        out.add(new int[] {a, p, n});
                    }
                }
            }
        }
        return out;
    }

    static List<int[]> batchHard(double[][] z, int[] y, String distance) {
        List<int[]> out = new ArrayList<>();
        for (int a = 0; a < y.length; a++) {
            int bp = -1;
            int bn = -1;
            for (int k = 0; k < y.length; k++) {
                double d = delta(distance, z[a], z[k]);
                if (k != a && y[k] == y[a] && (bp < 0 || d > delta(distance, z[a], z[bp]))) {
                    bp = k;
                }
                if (y[k] != y[a] && (bn < 0 || d < delta(distance, z[a], z[bn]))) {
                    bn = k;
                }
            }
            if (bp >= 0 && bn >= 0) {
                out.add(new int[] {a, bp, bn});
            }
        }
        return out;
    }

    static List<int[]> semiHard(double[][] z, int[] y, String distance, double m) {
        List<int[]> out = new ArrayList<>();
        for (int[] t : allTriplets(y)) {
            double dap = delta(distance, z[t[0]], z[t[1]]);
            double dan = delta(distance, z[t[0]], z[t[2]]);
            if (dap < dan && dan < dap + m) {
                out.add(t);
            }
        }
        return out;
    }

    /** N-pairs: k-th pair of each class = occurrences 2k, 2k+1; tuple k = k-th pairs; CE on a·pᵀ. */
    static double npairs(double[][] z, int[] y) {
        Map<Integer, List<Integer>> rows = new LinkedHashMap<>();
        for (int i = 0; i < y.length; i++) {
            rows.computeIfAbsent(y[i], k -> new ArrayList<>()).add(i);
        }
        double sum = 0;
        int anchors = 0;
        for (int k = 0; k < y.length; k++) {
            List<int[]> pairs = new ArrayList<>();
            for (List<Integer> r : rows.values()) {
                if (r.size() >= 2 * k + 2) {
                    pairs.add(new int[] {r.get(2 * k), r.get(2 * k + 1)});
                }
            }
            if (pairs.size() < 2) {
                continue;
            }
            for (int i = 0; i < pairs.size(); i++) {
                double inner = 0;
                double[] a = z[pairs.get(i)[0]];
                for (int j = 0; j < pairs.size(); j++) {
                    if (j != i) {
                        inner += Math.exp(dot(a, z[pairs.get(j)[1]]) - dot(a, z[pairs.get(i)[1]]));
                    }
                }
                sum += Math.log(1 + inner);
                anchors++;
            }
        }
        return anchors == 0 ? 0 : sum / anchors;
    }

    /**
     * InfoNCE with explicit candidates: anchors z vs candidates c (row i of c excluded for anchor i
     * when selfExcluded), candidate labels yc; extra[i] per-anchor negatives. Hard-negative options:
     * hcl (beta, tauPlus) or topK (&gt;0).
     */
    static double infoNce(double[][] z, int[] y, double[][] c, int[] yc, double[][][] extra, double tau,
            double[] hcl, int topK) {
        double total = 0;
        int anchors = 0;
        for (int i = 0; i < z.length; i++) {
            List<Double> pos = new ArrayList<>();
            List<Double> neg = new ArrayList<>();
            for (int k = 0; k < c.length; k++) {
                if (k == i && k < z.length) {
                    continue;
                }
                double e = Math.exp(dot(z[i], c[k]) / tau);
                (yc[k] == y[i] ? pos : neg).add(e);
            }
            if (extra != null) {
                for (double[] x : extra[i]) {
                    neg.add(Math.exp(dot(z[i], x) / tau));
                }
            }
            if (pos.isEmpty()) {
                continue;
            }
            double posSum = pos.stream().mapToDouble(Double::doubleValue).sum();
            double ng;
            if (hcl != null) {
                double beta = hcl[0];
                double tauPlus = hcl[1];
                int m = neg.size();
                double meanImp = 0;
                double weighted = 0;
                for (double n : neg) {
                    double imp = Math.pow(n, beta);
                    meanImp += imp / m;
                    weighted += imp * n;
                }
                ng = (-tauPlus * m * (posSum / pos.size()) + weighted / meanImp) / (1 - tauPlus);
                ng = Math.max(ng, m * Math.exp(-1 / tau));
            } else if (topK > 0) {
                double[] sorted = neg.stream().mapToDouble(Double::doubleValue).sorted().toArray();
                ng = 0;
                for (int k = 0; k < Math.min(topK, sorted.length); k++) {
                    ng += sorted[sorted.length - 1 - k];
                }
            } else {
                ng = neg.stream().mapToDouble(Double::doubleValue).sum();
            }
            double l = 0;
            for (double p : pos) {
                l += -Math.log(p / (posSum + ng));
            }
            total += l / pos.size();
            anchors++;
        }
        return anchors == 0 ? 0 : total / anchors;
    }

    static double alignment(double[][] z, int[] y, double alpha) {
        double s = 0;
        int n = 0;
        for (int i = 0; i < z.length; i++) {
            for (int j = 0; j < z.length; j++) {
                if (i != j && y[i] == y[j]) {
                    s += Math.pow(Math.sqrt(sqDist(z[i], z[j])), alpha);
                    n++;
                }
            }
        }
        return n == 0 ? 0 : s / n;
    }

    static double uniformity(double[][] z, double t) {
        double s = 0;
        int n = 0;
        for (int i = 0; i < z.length; i++) {
            for (int j = i + 1; j < z.length; j++) {
                s += Math.exp(-t * sqDist(z[i], z[j]));
                n++;
            }
        }
        return Math.log(s / n);
    }

    static String key(int[] t) {
        return Arrays.toString(t);
    }
}
