using SymGrad;
namespace SymGrad.Benchmarks.Models.Single
{
    /// <summary>
    /// Logistic regression with the mean binary cross-entropy, written on the logit z = w·x + b:
    /// BCE(sigmoid(z), y) = softplus(z) - y z.
    /// </summary>
    public static partial class SingleLogisticRegression
    {
        /// <summary>
        /// The mean loss of weights <paramref name="w"/> (n) and bias <paramref name="b"/> over the rows
        /// of <paramref name="x"/> (m by n, row-major) with 0/1 targets <paramref name="y"/> (m).
        /// </summary>
        [Differentiable]
        public static float Loss(float[] w, float b, [NoDerivative] float[] x, [NoDerivative] float[] y, int m, int n)
        {
            float total = 0f;
            for (int i = 0; i < m; i++)
            {
                float z = b;
                for (int j = 0; j < n; j++)
                {
                    z += w[j] * x[i * n + j];
                }

                total += SymMath.Softplus(z) - y[i] * z;
            }

            return total / m;
        }
    }
}
