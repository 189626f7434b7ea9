using System;
using SymGrad;

namespace SymGrad.Benchmarks.Models.Single
{
    /// <summary>Softmax (multinomial logistic) regression with the mean cross-entropy.</summary>
    public static partial class SingleSoftmaxRegression
    {
        /// <summary>
        /// The mean cross-entropy of weights <paramref name="w"/> (k by n, row-major) and biases
        /// <paramref name="b"/> (k) over the rows of <paramref name="x"/> (m by n) with one-hot targets
        /// <paramref name="y"/> (m by k). The log-sum-exp is shifted by the row's largest logit.
        /// </summary>
        [Differentiable]
        public static float Loss(float[] w, float[] b, [NoDerivative] float[] x, [NoDerivative] float[] y, int m, int n, int k)
        {
            float[] z = new float[k];
            float total = 0f;
            for (int i = 0; i < m; i++)
            {
                for (int c = 0; c < k; c++)
                {
                    float s = b[c];
                    for (int j = 0; j < n; j++)
                    {
                        s += w[c * n + j] * x[i * n + j];
                    }

                    z[c] = s;
                }

                float max = z[0];
                for (int c = 1; c < k; c++)
                {
                    max = MathF.Max(max, z[c]);
                }

                float sumExp = 0f;
                for (int c = 0; c < k; c++)
                {
                    sumExp += MathF.Exp(z[c] - max);
                }

                float lse = max + MathF.Log(sumExp);
                for (int c = 0; c < k; c++)
                {
                    total += y[i * k + c] * (lse - z[c]);
                }
            }

            return total / m;
        }
    }
}
