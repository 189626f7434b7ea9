using System;
using System.Collections.Generic;

namespace SymGrad.Optimizers
{
    /// <summary>
    /// RMSprop following <c>torch.optim.RMSprop</c>'s single-tensor implementation:
    /// g = grad + weightDecay * p; v = alpha * v + (1 - alpha) * g * g;
    /// centered: m = lerp(m, g, 1 - alpha), avg = sqrt(v - m * m) + eps, otherwise avg = sqrt(v) + eps;
    /// with momentum: b = momentum * b + g / avg, p = p - lr * b; without: p = p - lr * g / avg.
    /// </summary>
    public sealed class RmsProp : OptimizerBase
    {
        private readonly int gradAverageIndex;
        private readonly int momentumIndex;

        /// <summary>Creates the optimizer; the defaults are torch.optim.RMSprop's.</summary>
        /// <param name="learningRate">The learning rate (torch default 1e-2).</param>
        /// <param name="alpha">The smoothing constant in [0, 1).</param>
        /// <param name="epsilon">Added to the root of the average, non-negative.</param>
        /// <param name="weightDecay">L2 penalty added to the gradient, non-negative.</param>
        /// <param name="momentum">The momentum factor, non-negative.</param>
        /// <param name="centered">Normalise by an estimate of the gradient's variance instead of its second moment.</param>
        public RmsProp(double learningRate, double alpha = 0.99, double epsilon = 1e-8, double weightDecay = 0.0, double momentum = 0.0, bool centered = false)
            : base(learningRate, BufferNamesFor(momentum, centered))
        {
            RequireUnitInterval(alpha, nameof(alpha));
            RequireInRange(epsilon, 0.0, double.MaxValue, nameof(epsilon));
            RequireInRange(weightDecay, 0.0, double.MaxValue, nameof(weightDecay));
            RequireInRange(momentum, 0.0, double.MaxValue, nameof(momentum));
            Alpha = alpha;
            Epsilon = epsilon;
            WeightDecay = weightDecay;
            Momentum = momentum;
            Centered = centered;
            int next = 1;
            gradAverageIndex = centered ? next++ : -1;
            momentumIndex = momentum > 0.0 ? next : -1;
        }

        /// <summary>The smoothing constant.</summary>
        public double Alpha { get; }

        /// <summary>The epsilon added after the square root.</summary>
        public double Epsilon { get; }

        /// <summary>The L2 weight decay.</summary>
        public double WeightDecay { get; }

        /// <summary>The momentum factor.</summary>
        public double Momentum { get; }

        /// <summary>Whether the centered variant is used.</summary>
        public bool Centered { get; }

        /// <inheritdoc />
        protected override IReadOnlyList<KeyValuePair<string, double>> Hyperparameters => new KeyValuePair<string, double>[]
        {
            new("alpha", Alpha),
            new("eps", Epsilon),
            new("weight_decay", WeightDecay),
            new("momentum", Momentum),
            new("centered", Centered ? 1.0 : 0.0),
        };

        /// <inheritdoc />
        protected override void Update(Span<double> parameters, ReadOnlySpan<double> gradient, long step)
        {
            double lr = LearningRate;
            double[] squareAvg = Buffer(0);
            double[]? gradAvg = gradAverageIndex >= 0 ? Buffer(gradAverageIndex) : null;
            double[]? momentumBuffer = momentumIndex >= 0 ? Buffer(momentumIndex) : null;
            for (int i = 0; i < parameters.Length; i++)
            {
                double g = gradient[i];
                if (WeightDecay != 0.0)
                {
                    g += WeightDecay * parameters[i];
                }

                squareAvg[i] = TorchMath.AddCMul(squareAvg[i] * Alpha, g, g, 1.0 - Alpha);
                double avg;
                if (gradAvg is not null)
                {
                    gradAvg[i] = TorchMath.Lerp(gradAvg[i], g, 1.0 - Alpha);
                    avg = Math.Sqrt(TorchMath.AddCMul(squareAvg[i], gradAvg[i], gradAvg[i], -1.0));
                }
                else
                {
                    avg = Math.Sqrt(squareAvg[i]);
                }

                avg += Epsilon;
                if (momentumBuffer is not null)
                {
                    momentumBuffer[i] = TorchMath.AddCDiv(momentumBuffer[i] * Momentum, g, avg, 1.0);
                    parameters[i] += -lr * momentumBuffer[i];
                }
                else
                {
                    parameters[i] = TorchMath.AddCDiv(parameters[i], g, avg, -lr);
                }
            }
        }

        private static string[] BufferNamesFor(double momentum, bool centered)
        {
            if (centered)
            {
                return momentum > 0.0 ? new[] { "square_avg", "grad_avg", "momentum_buffer" } : new[] { "square_avg", "grad_avg" };
            }

            return momentum > 0.0 ? new[] { "square_avg", "momentum_buffer" } : new[] { "square_avg" };
        }
    }
}
