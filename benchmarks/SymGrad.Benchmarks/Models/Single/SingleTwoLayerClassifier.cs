using System;
using SymGrad;

namespace SymGrad.Benchmarks.Models.Single
{
    /// <summary>
    /// A two-layer classifier: a sigmoid hidden layer of h units, then a softmax output over k classes,
    /// with the mean cross-entropy.
    /// </summary>
    public static partial class SingleTwoLayerClassifier
    {
        /// <summary>
        /// The mean cross-entropy of hidden weights <paramref name="w1"/> (h by n, row-major), hidden
        /// biases <paramref name="b1"/> (h), output weights <paramref name="w2"/> (k by h) and output
        /// biases <paramref name="b2"/> (k) over the rows of <paramref name="x"/> (m by n) with one-hot
        /// targets <paramref name="y"/> (m by k).
        /// </summary>
        [Differentiable]
        public static float Loss(
            float[] w1, float[] b1, float[] w2, float[] b2, [NoDerivative] float[] x, [NoDerivative] float[] y, int m, int n, int h, int k)
        {
            float[] a = new float[h];
            float[] z = new float[k];
            float total = 0f;
            for (int i = 0; i < m; i++)
            {
                for (int j = 0; j < h; j++)
                {
                    float s = b1[j];
                    for (int t = 0; t < n; t++)
                    {
                        s += w1[j * n + t] * x[i * n + t];
                    }

                    a[j] = SymMath.Sigmoid(s);
                }

                for (int c = 0; c < k; c++)
                {
                    float s = b2[c];
                    for (int j = 0; j < h; j++)
                    {
                        s += w2[c * h + j] * a[j];
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
