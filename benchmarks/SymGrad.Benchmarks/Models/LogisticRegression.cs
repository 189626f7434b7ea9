using SymGrad;
namespace SymGrad.Benchmarks.Models
{
    /// <summary>
    /// Logistic regression with the mean binary cross-entropy, written on the logit z = w·x + b:
    /// BCE(sigmoid(z), y) = softplus(z) - y z.
    /// </summary>
    public static partial class LogisticRegression
    {
        /// <summary>
        /// The mean loss of weights <paramref name="w"/> (n) and bias <paramref name="b"/> over the rows
        /// of <paramref name="x"/> (m by n, row-major) with 0/1 targets <paramref name="y"/> (m).
        /// </summary>
        [Differentiable(Tangent = true, Hessian = true)]
        public static double Loss(double[] w, double b, [NoDerivative] double[] x, [NoDerivative] double[] y, int m, int n)
        {
            double total = 0.0;
            for (int i = 0; i < m; i++)
            {
                double z = b;
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
