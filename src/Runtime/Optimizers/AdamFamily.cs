using System;
using System.Collections.Generic;

namespace SymGrad.Optimizers
{
    /// <summary>
    /// What <see cref="Adam"/> and <see cref="AdamW"/> share: torch.optim's single-tensor Adam update
    /// m = lerp(m, g, 1 - beta1); v = beta2 * v + (1 - beta2) * g * g; (amsgrad: vmax = max(vmax, v), used instead of v);
    /// denom = sqrt(v) / sqrt(1 - beta2^t) + eps; p = p - (lr / (1 - beta1^t)) * m / denom.
    /// Epsilon is added after the square root and the bias correction, as in torch. The two differ only
    /// in how weight decay enters (<see cref="DecoupledWeightDecay"/>) and in its default.
    /// </summary>
    public abstract class AdamFamily : OptimizerBase
    {
        /// <summary>Validates and stores the hyper-parameters.</summary>
        /// <param name="learningRate">The learning rate.</param>
        /// <param name="beta1">The decay rate of the first moment, in [0, 1).</param>
        /// <param name="beta2">The decay rate of the second moment, in [0, 1).</param>
        /// <param name="epsilon">Added to the denominator after the square root, non-negative.</param>
        /// <param name="weightDecay">The weight decay, non-negative.</param>
        /// <param name="amsgrad">Use the running maximum of the second moment (AMSGrad).</param>
        /// <param name="decoupledWeightDecay">Decay the parameters directly (AdamW) rather than add an L2 term to the gradient (Adam).</param>
        protected AdamFamily(double learningRate, double beta1, double beta2, double epsilon, double weightDecay, bool amsgrad, bool decoupledWeightDecay)
            : base(learningRate, amsgrad ? new[] { "exp_avg", "exp_avg_sq", "max_exp_avg_sq" } : new[] { "exp_avg", "exp_avg_sq" })
        {
            RequireUnitInterval(beta1, nameof(beta1));
            RequireUnitInterval(beta2, nameof(beta2));
            RequireInRange(epsilon, 0.0, double.MaxValue, nameof(epsilon));
            RequireInRange(weightDecay, 0.0, double.MaxValue, nameof(weightDecay));
            Beta1 = beta1;
            Beta2 = beta2;
            Epsilon = epsilon;
            WeightDecay = weightDecay;
            AmsGrad = amsgrad;
            DecoupledWeightDecay = decoupledWeightDecay;
        }

        /// <summary>The first-moment decay rate.</summary>
        public double Beta1 { get; }

        /// <summary>The second-moment decay rate.</summary>
        public double Beta2 { get; }

        /// <summary>The epsilon added to the denominator.</summary>
        public double Epsilon { get; }

        /// <summary>The weight decay.</summary>
        public double WeightDecay { get; }

        /// <summary>Whether AMSGrad is used.</summary>
        public bool AmsGrad { get; }

        /// <summary>Whether weight decay scales the parameters (AdamW: p = p (1 - lr wd)) instead of adding wd p to the gradient (Adam).</summary>
        public bool DecoupledWeightDecay { get; }

        /// <inheritdoc />
        protected override IReadOnlyList<KeyValuePair<string, double>> Hyperparameters => new KeyValuePair<string, double>[]
        {
            new("beta1", Beta1),
            new("beta2", Beta2),
            new("eps", Epsilon),
            new("weight_decay", WeightDecay),
            new("amsgrad", AmsGrad ? 1.0 : 0.0),
        };

        /// <inheritdoc />
        protected override void Update(Span<double> parameters, ReadOnlySpan<double> gradient, long step) =>
            AdamUpdate.Apply(parameters, gradient, step, LearningRate, Beta1, Beta2, Epsilon, WeightDecay, DecoupledWeightDecay, Buffer(0), Buffer(1), AmsGrad ? Buffer(2) : null);
    }
}
