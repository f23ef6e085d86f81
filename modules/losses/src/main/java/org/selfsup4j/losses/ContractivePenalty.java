package org.selfsup4j.losses;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import org.selfsup4j.core.Checks;
import org.selfsup4j.core.Scalars;

/**
 * The contractive autoencoder's penalty (Rifai et al., ICML 2011): the squared Frobenius norm of the
 * encoder's Jacobian, {@code ||∂f(x)/∂x||²_F}, averaged over the batch. Two forms:
 * <ul>
 *   <li>{@link #closedForm}: for one layer {@code h = s(Wx + b)},
 *       {@code ||J||²_F = Σ_j s'(a_j)² Σ_i W_ji²}; with {@code s'} written through h this is
 *       {@code Σ_j (h_j(1 − h_j))² ||W_j||²} for a sigmoid ({@link #sigmoidLayer}) and
 *       {@code Σ_j (1 − h_j²)² ||W_j||²} for tanh ({@link #tanhLayer});</li>
 *   <li>{@link #jacobianChain}: for a stack of dense layers with elementwise activations,
 *       {@code J = D_L W_L ⋯ D_1 W_1} with {@code D_l = diag(s_l'(a_l))}, built per sample from the
 *       output side as a batched product ({@code (N, q, h_l)} intermediates), exact and differentiable
 *       in every weight. For one layer it equals the closed form.</li>
 * </ul>
 */
public final class ContractivePenalty {
    private ContractivePenalty() {}

    /**
     * @param derivative {@code (N, q)} the activation's derivative {@code s'(a)} per unit
     * @param weight {@code (q, d)} the layer's weight
     * @return {@code (1/N) Σ_n Σ_j s'(a_nj)² Σ_i W_ji²}, a scalar
     */
    public static NDArray closedForm(NDArray derivative, NDArray weight) {
        Checks.require(derivative.getShape().get(1) == weight.getShape().get(0), "contractive penalty", "derivative",
                "shape (N, " + weight.getShape().get(0) + ") to match the weight " + weight.getShape(), derivative.getShape());
        NDArray squared = weight.square();
        squared.attach(derivative.getManager()); // a parameter's op result would otherwise live in the model's manager
        NDArray rowNorms = squared.sum(new int[] {1});
        return derivative.square().mul(rowNorms).sum().div(Scalars.of(derivative, derivative.getShape().get(0)));
    }

    /**
     * @param h {@code (N, q)} outputs of a sigmoid layer
     * @param weight {@code (q, d)}
     * @return the penalty with {@code s' = h(1 − h)}
     */
    public static NDArray sigmoidLayer(NDArray h, NDArray weight) {
        return closedForm(h.mul(Scalars.mul(h, -1).add(Scalars.of(h, 1))), weight);
    }

    /**
     * @param h {@code (N, q)} outputs of a tanh layer
     * @param weight {@code (q, d)}
     * @return the penalty with {@code s' = 1 − h²}
     */
    public static NDArray tanhLayer(NDArray h, NDArray weight) {
        return closedForm(Scalars.mul(h.square(), -1).add(Scalars.of(h, 1)), weight);
    }

    /**
     * @param weights {@code W_1 … W_L}, each {@code (h_l, h_{l−1})}, input side first
     * @param derivatives {@code s_l'(a_l)}, each {@code (N, h_l)}, in the same order
     * @return {@code (1/N) Σ_n ||D_L W_L ⋯ D_1 W_1||²_F}, a scalar
     */
    public static NDArray jacobianChain(NDList weights, NDList derivatives) {
        Checks.require(weights.size() == derivatives.size() && !weights.isEmpty(), "contractive penalty", "factors",
                "as many derivatives as weights (at least one)", weights.size() + " weights, " + derivatives.size()
                        + " derivatives");
        int last = weights.size() - 1;
        NDArray j = derivatives.get(last).expandDims(2).mul(weights.get(last).expandDims(0));
        for (int l = last - 1; l >= 0; l--) {
            j = j.mul(derivatives.get(l).expandDims(1)).matMul(weights.get(l));
        }
        return j.square().sum().div(Scalars.of(j, j.getShape().get(0)));
    }
}
