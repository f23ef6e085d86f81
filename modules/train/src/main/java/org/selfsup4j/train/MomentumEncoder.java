package org.selfsup4j.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import org.selfsup4j.core.Checks;
import org.selfsup4j.encoders.HypersphereNetwork;

/**
 * The momentum (key) encoder of MoCo (He et al., CVPR 2020): a copy of the online network whose
 * trainable parameters follow an exponential moving average of the online ones,
 * <pre>
 *   θ_k ← m·θ_k + (1 − m)·θ_q        after every optimizer step, m = 0.99 by default
 * </pre>
 * It starts as an exact copy, never receives gradients, and its outputs are detached. BatchNorm
 * running statistics are the key network's own (updated by its forward passes in training mode, as in
 * MoCo); single-device training has no shuffle-BN.
 */
public final class MomentumEncoder {
    private final HypersphereNetwork target;
    private final ParameterStore store;
    private final List<NDArray> online = new ArrayList<>();
    private final List<NDArray> key = new ArrayList<>();
    private final NDArray[] keyArrays;
    private final NDArray[] all;
    private final NDManager root;
    private final float momentum;

    /**
     * @param onlineNet the online network (initialised)
     * @param root the manager owning the parameters
     * @param inputShape a sample input shape
     * @param momentum m ∈ [0, 1)
     */
    public MomentumEncoder(HypersphereNetwork onlineNet, NDManager root, Shape inputShape, double momentum) {
        this.momentum = (float) Checks.inRange("memory_bank.momentum", momentum, 0, 0.99999);
        this.root = root;
        this.target = new HypersphereNetwork(onlineNet.spec());
        target.initialize(root, inputShape, 0);
        this.store = new ParameterStore(root, false);
        List<Parameter> q = new ArrayList<>(onlineNet.projector().getParameters().values());
        List<Parameter> k = new ArrayList<>(target.projector().getParameters().values());
        List<NDArray> every = new ArrayList<>();
        for (int i = 0; i < q.size(); i++) {
            NDArray kk = k.get(i).getArray();
            kk.setRequiresGradient(false);
            every.add(kk);
            if (q.get(i).requiresGradient()) {
                online.add(q.get(i).getArray());
                key.add(kk);
            }
        }
        this.keyArrays = every.toArray(NDArray[]::new);
        every.addAll(online);
        this.all = every.toArray(NDArray[]::new);
        blend(0f);
    }

    /** @return the key network's own arrays (to attach to a step's scope while it runs) */
    public NDArray[] arrays() {
        return keyArrays;
    }

    /**
     * @param images {@code (B, C, H, W)}
     * @return detached unit vectors {@code (B, D)} attached to the images' manager
     */
    public NDArray forward(NDArray images) {
        return target.projector().forward(store, new NDList(images), true).singletonOrThrow().stopGradient();
    }

    /** Applies one EMA step, {@code θ_k ← m·θ_k + (1 − m)·θ_q}. */
    public void update() {
        blend(momentum);
    }

    private void blend(float m) {
        try (NDManager scope = root.newSubManager()) {
            scope.tempAttachAll(all);
            for (int i = 0; i < key.size(); i++) {
                key.get(i).muli(m).addi(online.get(i).stopGradient().mul(1f - m));
            }
        }
    }
}
