using System;
using SymGrad;

namespace SymGrad.Benchmarks.Models
{
    /// <summary>A vector-valued model for the Jacobian benchmark: a 4-parameter logistic curve's predictions at m points.</summary>
    public static partial class CurveModel
    {
        /// <summary>output[i] = bottom + (top - bottom) / (1 + exp(slope (x_i - mid))), p = (bottom, top, mid, slope).</summary>
        [Differentiable]
        public static void Predict(double[] p, [NoDerivative] double[] x, Span<double> output)
        {
            for (int i = 0; i < output.Length; i++)
            {
                output[i] = p[0] + (p[1] - p[0]) / (1.0 + Math.Exp(p[3] * (x[i] - p[2])));
            }
        }
    }
}
