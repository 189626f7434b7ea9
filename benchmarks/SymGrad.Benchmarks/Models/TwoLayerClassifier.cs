using System;
using SymGrad;

namespace SymGrad.Benchmarks.Models
{
    /// <summary>
    /// A two-layer classifier: a sigmoid hidden layer of h units, then a softmax output over k classes,
    /// with the mean cross-entropy.
    /// </summary>
    public static partial class TwoLayerClassifier
    {
        /// <summary>
        /// The mean cross-entropy of hidden weights <paramref name="w1"/> (h by n, row-major), hidden
        /// biases <paramref name="b1"/> (h), output weights <paramref name="w2"/> (k by h) and output
        /// biases <paramref name="b2"/> (k) over the rows of <paramref name="x"/> (m by n) with one-hot
        /// targets <paramref name="y"/> (m by k).
        /// </summary>
        [Differentiable(Tangent = true, Hessian = true)]
        public static double Loss(
            double[] w1, double[] b1, double[] w2, double[] b2, [NoDerivative] double[] x, [NoDerivative] double[] y, int m, int n, int h, int k)
        {
            double[] a = new double[h];
            double[] z = new double[k];
            double total = 0.0;
            for (int i = 0; i < m; i++)
            {
                for (int j = 0; j < h; j++)
                {
                    double s = b1[j];
                    for (int t = 0; t < n; t++)
                    {
                        s += w1[j * n + t] * x[i * n + t];
                    }

                    a[j] = SymMath.Sigmoid(s);
                }

                for (int c = 0; c < k; c++)
                {
                    double s = b2[c];
                    for (int j = 0; j < h; j++)
                    {
                        s += w2[c * h + j] * a[j];
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
