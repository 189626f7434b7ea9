using System;
using System.Buffers;

namespace SymGrad.Optimizers
{
    /// <summary>
    /// <c>float</c> parameters (docs/single-precision.md): the update is computed in <c>double</c>, as for <c>double</c>
    /// parameters, with the optimizer's state (moments, accumulators) kept in <c>double</c>, and the new parameters are
    /// rounded once to <c>float</c>. Same checks, same errors, nothing written when a check fails.
    /// </summary>
    public abstract partial class OptimizerBase
    {
        /// <summary>Applies one update to <c>float</c> parameters in place; see the <c>double</c> overload for the checks.</summary>
        /// <param name="parameters">The parameters, updated in place (rounded to <c>float</c>).</param>
        /// <param name="gradient">The gradient, same length as the parameters.</param>
        /// <exception cref="ArgumentException">The lengths differ, differ from earlier steps, or the gradient has a NaN or infinite entry.</exception>
        public void Step(Span<float> parameters, ReadOnlySpan<float> gradient)
        {
            if (gradient.Length != parameters.Length)
            {
                throw new ArgumentException($"The gradient has {gradient.Length} entries but there are {parameters.Length} parameters.", nameof(gradient));
            }

            double[] wideParameters = ArrayPool<double>.Shared.Rent(parameters.Length);
            double[] wideGradient = ArrayPool<double>.Shared.Rent(gradient.Length);
            try
            {
                Span<double> p = wideParameters.AsSpan(0, parameters.Length);
                Span<double> g = wideGradient.AsSpan(0, gradient.Length);
                for (int i = 0; i < p.Length; i++)
                {
                    p[i] = parameters[i];
                    g[i] = gradient[i];
                }

                Step(p, g);
                for (int i = 0; i < p.Length; i++)
                {
                    parameters[i] = (float)p[i];
                }
            }
            finally
            {
                ArrayPool<double>.Shared.Return(wideParameters);
                ArrayPool<double>.Shared.Return(wideGradient);
            }
        }
    }
}
