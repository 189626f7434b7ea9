using System;

namespace SymGrad.Benchmarks.Gradients
{
    /// <summary>The softmax output with cross-entropy that the hand-written softmax and two-layer gradients share.</summary>
    internal static class SoftmaxCrossEntropy
    {
        /// <summary>
        /// The loss sum_c t_c (lse(z) - z_c) of one row, with the max-shifted log-sum-exp, and its
        /// derivative with respect to the logits, softmax_c(z) sum(t) - t_c, written into <paramref name="dz"/>.
        /// </summary>
        public static double Loops(ReadOnlySpan<double> z, ReadOnlySpan<double> target, Span<double> dz)
        {
            int k = z.Length;
            double max = z[0];
            for (int c = 1; c < k; c++)
            {
                max = Math.Max(max, z[c]);
            }

            double sumExp = 0.0;
            for (int c = 0; c < k; c++)
            {
                dz[c] = Math.Exp(z[c] - max);
                sumExp += dz[c];
            }

            double lse = max + Math.Log(sumExp);
            double targetSum = 0.0;
            double loss = 0.0;
            for (int c = 0; c < k; c++)
            {
                targetSum += target[c];
                loss += target[c] * (lse - z[c]);
            }

            for (int c = 0; c < k; c++)
            {
                dz[c] = dz[c] / sumExp * targetSum - target[c];
            }

            return loss;
        }
    }
}
