using System;
using SymGrad;

namespace SymGrad.Benchmarks.Models
{
    /// <summary>The scalar chain f(x) = sum_{i=0}^{n-2} log(1 + exp(x_i x_{i+1})).</summary>
    public static partial class ScalarChain
    {
        /// <summary>The chain over the n entries of <paramref name="x"/>.</summary>
        [Differentiable]
        public static double Loss(double[] x, int n)
        {
            double total = 0.0;
            for (int i = 0; i < n - 1; i++)
            {
                total += Math.Log(1.0 + Math.Exp(x[i] * x[i + 1]));
            }

            return total;
        }
    }
}
