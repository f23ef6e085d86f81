package org.selfsup4j.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import org.selfsup4j.augment.MultiView;
import org.selfsup4j.core.ArrayIO;
import org.selfsup4j.core.Scalars;
import org.selfsup4j.core.SeedTree;
import org.selfsup4j.encoders.HypersphereNetwork;

/**
 * BYOL / SimSiam: no negatives; a predictor q on top of the online projection regresses the other
 * views' targets. With V views of N images, online unit projections {@code z_v}, predictions
 * {@code p_v = q(z_v)/‖q(z_v)‖} and unit targets {@code t_w} (the momentum encoder's projections for
 * BYOL, {@code stopgrad(z_w)} for SimSiam):
 * <pre>
 *   L = 1/(V(V−1)) Σ_{v≠w} 1/N Σ_n ‖p_{v,n} − t_{w,n}‖² = 2 − 2/(V(V−1)) Σ_{v≠w} 1/N Σ_n p_{v,n}·t_{w,n}
 * </pre>
 * (the symmetrised loss of both papers; BYOL's 2 − 2cos, SimSiam's −cos up to the constant and scale).
 * The V×V matrix of mean cosines is one product of {@code (V, N·D)} matrices.
 */
public final class PredictiveMethod implements StepFunction {
    private final ViewProjection views;
    private final HypersphereNetwork net;
    private final ParameterStore store;
    private final MomentumEncoder target;

    /**
     * @param net the online network, with a predictor
     * @param views the view maker (V ≥ 2)
     * @param seeds the run's seeds (augmentation streams)
     * @param root the model's manager
     * @param target the momentum target (BYOL), or {@code null} for a stop-gradient target (SimSiam)
     */
    public PredictiveMethod(HypersphereNetwork net, MultiView views, SeedTree seeds, NDManager root, MomentumEncoder target) {
        this.views = new ViewProjection(net.projector(), views, seeds, root);
        this.net = net;
        this.store = new ParameterStore(root, false);
        this.target = target;
    }

    @Override
    public NDArray loss(NDManager scope, Batch batch, long step) {
        ViewProjection.Output out = views.forward(scope, batch, step);
        NDArray z = out.z();
        NDArray p = net.predictor().forward(store, new NDList(z), true).singletonOrThrow();
        NDArray t;
        if (target == null) {
            t = z.stopGradient();
        } else {
            scope.tempAttachAll(target.arrays());
            t = out.map(target::forward);
        }
        return loss(p, t, views.views());
    }

    /**
     * @param p {@code (V·N, D)} unit predictions, view-major
     * @param t {@code (V·N, D)} unit targets, view-major
     * @param v the number of views V
     * @return the scalar loss {@code 2 − 2·mean_{v≠w} mean_n p_{v,n}·t_{w,n}}
     */
    static NDArray loss(NDArray p, NDArray t, int v) {
        long n = p.getShape().get(0) / v;
        NDArray cos = p.reshape(v, -1).matMul(t.reshape(v, -1).transpose());
        NDArray offDiagonal = cos.sum().sub(cos.mul(p.getManager().eye(v)).sum());
        return Scalars.mul(offDiagonal, -2.0 / ((double) v * (v - 1) * n)).add(2f);
    }

    @Override
    public void afterUpdate(long step) {
        if (target != null) {
            target.update();
        }
    }

    /** Saves the momentum target's weights (BYOL); SimSiam has no state. */
    @Override
    public void saveState(DataOutputStream out) throws IOException {
        if (target != null) {
            ArrayIO.write(out, List.of(target.arrays()));
        }
    }

    @Override
    public void loadState(DataInputStream in, String where) throws IOException {
        if (target != null) {
            ArrayIO.readInto(in, List.of(target.arrays()), where, "momentum target");
        }
    }
}
