using System;
using System.Collections.Generic;

namespace SymGrad.Optimizers
{
    /// <summary>
    /// Stochastic gradient descent with optional momentum, dampening, Nesterov momentum and L2 weight decay,
    /// following <c>torch.optim.SGD</c>'s single-tensor implementation:
    /// g = grad + weightDecay * p; b = g on the first step, else momentum * b + (1 - dampening) * g;
    /// d = nesterov ? g + momentum * b : b (or g when momentum is 0); p = p - lr * d.
    /// </summary>
    public sealed class Sgd : OptimizerBase
    {
        /// <summary>Creates the optimizer; the defaults are torch.optim.SGD's.</summary>
        /// <param name="learningRate">The learning rate.</param>
        /// <param name="momentum">The momentum factor in [0, 1]; 0 disables the momentum buffer.</param>
        /// <param name="dampening">Dampening for momentum in [0, 1].</param>
        /// <param name="weightDecay">L2 penalty added to the gradient (coupled weight decay), non-negative.</param>
        /// <param name="nesterov">Use Nesterov momentum; requires momentum &gt; 0 and dampening = 0.</param>
        public Sgd(double learningRate, double momentum = 0.0, double dampening = 0.0, double weightDecay = 0.0, bool nesterov = false)
            : base(learningRate, momentum != 0.0 ? new[] { "momentum_buffer" } : Array.Empty<string>())
        {
            RequireInRange(momentum, 0.0, 1.0, nameof(momentum));
            RequireInRange(dampening, 0.0, 1.0, nameof(dampening));
            RequireInRange(weightDecay, 0.0, double.MaxValue, nameof(weightDecay));
            if (nesterov && (momentum <= 0.0 || dampening != 0.0))
            {
                throw new ArgumentException("Nesterov momentum requires a positive momentum and zero dampening.", nameof(nesterov));
            }

            Momentum = momentum;
            Dampening = dampening;
            WeightDecay = weightDecay;
            Nesterov = nesterov;
        }

        /// <summary>The momentum factor.</summary>
        public double Momentum { get; }

        /// <summary>The dampening for momentum.</summary>
        public double Dampening { get; }

        /// <summary>The L2 weight decay.</summary>
        public double WeightDecay { get; }

        /// <summary>Whether Nesterov momentum is used.</summary>
        public bool Nesterov { get; }

        /// <inheritdoc />
        protected override IReadOnlyList<KeyValuePair<string, double>> Hyperparameters => new KeyValuePair<string, double>[]
        {
            new("momentum", Momentum),
            new("dampening", Dampening),
            new("weight_decay", WeightDecay),
            new("nesterov", Nesterov ? 1.0 : 0.0),
        };

        /// <inheritdoc />
        protected override void Update(Span<double> parameters, ReadOnlySpan<double> gradient, long step)
        {
            double lr = LearningRate;
            double[]? buffer = Momentum != 0.0 ? Buffer(0) : null;
            for (int i = 0; i < parameters.Length; i++)
            {
                double g = gradient[i];
                if (WeightDecay != 0.0)
                {
                    g += WeightDecay * parameters[i];
                }

                if (buffer is not null)
                {
                    double b = step == 1 ? g : (buffer[i] * Momentum) + ((1.0 - Dampening) * g);
                    buffer[i] = b;
                    g = Nesterov ? g + (Momentum * b) : b;
                }

                parameters[i] += -lr * g;
            }
        }
    }
}
