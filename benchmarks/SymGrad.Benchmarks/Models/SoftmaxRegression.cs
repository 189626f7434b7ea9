using System;
using SymGrad;

namespace SymGrad.Benchmarks.Models
{
    /// <summary>Softmax (multinomial logistic) regression with the mean cross-entropy.</summary>
    public static partial class SoftmaxRegression
    {
        /// <summary>
        /// The mean cross-entropy of weights <paramref name="w"/> (k by n, row-major) and biases
        /// <paramref name="b"/> (k) over the rows of <paramref name="x"/> (m by n) with one-hot targets
        /// <paramref name="y"/> (m by k). The log-sum-exp is shifted by the row's largest logit.
        /// </summary>
        [Differentiable(Tangent = true, Hessian = true)]
        public static double Loss(double[] w, double[] b, [NoDerivative] double[] x, [NoDerivative] double[] y, int m, int n, int k)
        {
            double[] z = new double[k];
            double total = 0.0;
            for (int i = 0; i < m; i++)
            {
                for (int c = 0; c < k; c++)
                {
                    double s = b[c];
                    for (int j = 0; j < n; j++)
                    {
                        s += w[c * n + j] * x[i * n + j];
                    }

                    z[c] = s;
                }

                double max = z[0];
                for (int c = 1; c < k; c++)
                {
                    max = Math.Max(max, z[c]);
                }

                double sumExp = 0.0;
                for (int c = 0; c < k; c++)
                {
                    sumExp += Math.Exp(z[c] - max);
                }

                double lse = max + Math.Log(sumExp);
                for (int c = 0; c < k; c++)
                {
                    total += y[i * k + c] * (lse - z[c]);
                }
            }

            return total / m;
        }
    }
}
