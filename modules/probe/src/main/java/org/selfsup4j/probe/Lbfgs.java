package org.selfsup4j.probe;

import java.util.ArrayDeque;
import java.util.Deque;
import org.selfsup4j.core.StopSignal;

/**
 * Limited-memory BFGS (Liu &amp; Nocedal 1989; Nocedal &amp; Wright, Numerical Optimization, Alg. 7.4 and
 * 7.5) for smooth unconstrained minimisation, as used by the linear probe. The search direction is
 * {@code −H_k ∇f} from the two-loop recursion over the last {@code m} pairs
 * {@code s = x_{k+1} − x_k, y = ∇f_{k+1} − ∇f_k} (pairs with {@code sᵀy ≤ 0} are skipped), scaled by
 * {@code γ = sᵀy / yᵀy}; the step length is found by backtracking until the Armijo condition
 * {@code f(x + αp) ≤ f(x) + c₁ α ∇fᵀp} holds (c₁ = 1e-4). It stops after {@code maxIterations}, when
 * {@code ||∇f||∞ ≤ gradTolerance}, or when f changes by less than {@code 1e-10·max(1, |f|)}.
 * Deterministic: the same inputs give the same iterates.
 */
public final class Lbfgs {
    /** A differentiable objective. */
    @FunctionalInterface
    public interface Objective {
        /**
         * @param x the point
         * @param grad receives ∇f(x) (same length as x)
         * @return f(x)
         */
        double evaluate(double[] x, double[] grad);
    }

    /**
     * The outcome.
     *
     * @param x the last iterate
     * @param value f(x)
     * @param iterations iterations done
     * @param evaluations objective evaluations done
     */
    public record Result(double[] x, double value, int iterations, int evaluations) {}

    private Lbfgs() {}

    /**
     * @param f the objective
     * @param start the starting point (not modified)
     * @param memory the number of pairs kept, m
     * @param maxIterations the iteration limit
     * @param gradTolerance stop when the largest gradient component is at most this
     * @return the minimiser found
     */
    public static Result minimize(Objective f, double[] start, int memory, int maxIterations, double gradTolerance) {
        int n = start.length;
        double[] x = start.clone();
        double[] g = new double[n];
        double fx = f.evaluate(x, g);
        int evals = 1;
        Deque<double[][]> pairs = new ArrayDeque<>();
        int k = 0;
        for (; k < maxIterations && maxAbs(g) > gradTolerance; k++) {
            StopSignal.check();
            double[] p = direction(g, pairs);
            double slope = dot(g, p);
            if (slope >= 0) {
                pairs.clear();
                p = scale(g, -1);
                slope = dot(g, p);
            }
            double alpha = pairs.isEmpty() ? Math.min(1, 1 / Math.max(1e-12, norm(g))) : 1;
            double[] xNew = new double[n];
            double[] gNew = new double[n];
            double fNew;
            while (true) {
                for (int i = 0; i < n; i++) {
                    xNew[i] = x[i] + alpha * p[i];
                }
                fNew = f.evaluate(xNew, gNew);
                evals++;
                if (fNew <= fx + 1e-4 * alpha * slope || alpha < 1e-20) {
                    break;
                }
                alpha *= 0.5;
            }
            double[] s = new double[n];
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                s[i] = xNew[i] - x[i];
                y[i] = gNew[i] - g[i];
            }
            if (dot(s, y) > 1e-12) {
                pairs.addLast(new double[][] {s, y});
                if (pairs.size() > memory) {
                    pairs.removeFirst();
                }
            }
            boolean flat = Math.abs(fx - fNew) <= 1e-10 * Math.max(1, Math.abs(fx));
            x = xNew;
            g = gNew;
            fx = fNew;
            if (flat) {
                k++;
                break;
            }
        }
        return new Result(x, fx, k, evals);
    }

    private static double[] direction(double[] g, Deque<double[][]> pairs) {
        double[] q = g.clone();
        int m = pairs.size();
        double[] a = new double[m];
        double[][][] list = pairs.toArray(new double[0][][]);
        for (int i = m - 1; i >= 0; i--) {
            double rho = 1 / dot(list[i][1], list[i][0]);
            a[i] = rho * dot(list[i][0], q);
            axpy(-a[i], list[i][1], q);
        }
        double gamma = m == 0 ? 1 : dot(list[m - 1][0], list[m - 1][1]) / dot(list[m - 1][1], list[m - 1][1]);
        for (int i = 0; i < q.length; i++) {
            q[i] *= gamma;
        }
        for (int i = 0; i < m; i++) {
            double rho = 1 / dot(list[i][1], list[i][0]);
            double b = rho * dot(list[i][1], q);
            axpy(a[i] - b, list[i][0], q);
        }
        return scale(q, -1);
    }

    private static void axpy(double a, double[] x, double[] y) {
        for (int i = 0; i < y.length; i++) {
            y[i] += a * x[i];
        }
    }

    private static double[] scale(double[] v, double a) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = a * v[i];
        }
        return out;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static double norm(double[] v) {
        return Math.sqrt(dot(v, v));
    }

    private static double maxAbs(double[] v) {
        double m = 0;
        for (double d : v) {
            m = Math.max(m, Math.abs(d));
        }
        return m;
    }
}
