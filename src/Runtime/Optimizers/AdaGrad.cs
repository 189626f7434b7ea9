using System;
using System.Collections.Generic;

namespace SymGrad.Optimizers
{
    /// <summary>
    /// AdaGrad following <c>torch.optim.Adagrad</c>'s single-tensor implementation:
    /// g = grad + weightDecay * p; clr = lr / (1 + (step - 1) * lrDecay); sum = sum + g * g; p = p - clr * g / (sqrt(sum) + eps).
    /// </summary>
    public sealed class AdaGrad : OptimizerBase
    {
        /// <summary>Creates the optimizer; the defaults are torch.optim.Adagrad's.</summary>
        /// <param name="learningRate">The learning rate (torch default 1e-2).</param>
        /// <param name="learningRateDecay">The learning-rate decay, non-negative.</param>
        /// <param name="weightDecay">L2 penalty added to the gradient, non-negative.</param>
        /// <param name="epsilon">Added to sqrt(sum) for stability, non-negative.</param>
        /// <param name="initialAccumulatorValue">The starting value of the squared-gradient sum, non-negative.</param>
        public AdaGrad(double learningRate, double learningRateDecay = 0.0, double weightDecay = 0.0, double epsilon = 1e-10, double initialAccumulatorValue = 0.0)
            : base(learningRate, new[] { "sum" })
        {
            RequireInRange(learningRateDecay, 0.0, double.MaxValue, nameof(learningRateDecay));
            RequireInRange(weightDecay, 0.0, double.MaxValue, nameof(weightDecay));
            RequireInRange(epsilon, 0.0, double.MaxValue, nameof(epsilon));
            RequireInRange(initialAccumulatorValue, 0.0, double.MaxValue, nameof(initialAccumulatorValue));
            LearningRateDecay = learningRateDecay;
            WeightDecay = weightDecay;
            Epsilon = epsilon;
            InitialAccumulatorValue = initialAccumulatorValue;
        }

        /// <summary>The learning-rate decay.</summary>
        public double LearningRateDecay { get; }

        /// <summary>The L2 weight decay.</summary>
        public double WeightDecay { get; }

        /// <summary>The epsilon added after the square root.</summary>
        public double Epsilon { get; }

        /// <summary>The initial accumulator value.</summary>
        public double InitialAccumulatorValue { get; }

        /// <inheritdoc />
        protected override IReadOnlyList<KeyValuePair<string, double>> Hyperparameters => new KeyValuePair<string, double>[]
        {
            new("lr_decay", LearningRateDecay),
            new("weight_decay", WeightDecay),
            new("eps", Epsilon),
            new("initial_accumulator_value", InitialAccumulatorValue),
        };

        /// <inheritdoc />
        protected override void Update(Span<double> parameters, ReadOnlySpan<double> gradient, long step)
        {
            double[] sum = Buffer(0);
            if (step == 1)
            {
                Array.Fill(sum, InitialAccumulatorValue);
            }

            double clr = LearningRate / (1.0 + ((step - 1) * LearningRateDecay));
            for (int i = 0; i < parameters.Length; i++)
            {
                double g = gradient[i];
                if (WeightDecay != 0.0)
                {
                    g += WeightDecay * parameters[i];
                }

                sum[i] = TorchMath.AddCMul(sum[i], g, g, 1.0);
                double std = Math.Sqrt(sum[i]) + Epsilon;
                parameters[i] = TorchMath.AddCDiv(parameters[i], g, std, -clr);
            }
        }
    }
}
