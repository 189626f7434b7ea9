using System;

namespace SymGrad.Optimizers
{
    /// <summary>A first-order optimizer that updates a parameter vector in place from its gradient, like <c>torch.optim.Optimizer.step</c>.</summary>
    public interface IOptimizer
    {
        /// <summary>The learning rate used by the next <see cref="Step"/>. Schedules change it between epochs.</summary>
        double LearningRate { get; set; }

        /// <summary>Applies one update to <paramref name="parameters"/> in place.</summary>
        /// <param name="parameters">The parameters, updated in place.</param>
        /// <param name="gradient">The gradient of the loss with respect to the parameters, same length.</param>
        void Step(Span<double> parameters, ReadOnlySpan<double> gradient);
    }
}
