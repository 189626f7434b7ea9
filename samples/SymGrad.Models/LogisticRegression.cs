using System;
using SymGrad;

namespace SymGrad.Models;

/// <summary>
/// Logistic regression with the binary cross-entropy, over m rows of n features (row-major) and
/// weights w = (bias, w_1..w_n). The textbook gradient is (1/m) sum_i (h(x_i) - y_i) (1, x_i).
/// </summary>
public static partial class LogisticRegression
{
    /// <summary>The number of weights for n features: n + 1.</summary>
    public static int ParameterCount(int n) => n + 1;

    /// <summary>
    /// The mean binary cross-entropy -[y log h + (1 - y) log(1 - h)], h = sigmoid(z), written in
    /// its overflow-free form softplus(z) - y z.
    /// </summary>
    [Differentiable(Tangent = true, Hessian = true)]
    public static double Loss(ReadOnlySpan<double> w, [NoDerivative] ReadOnlySpan<double> x, [NoDerivative] ReadOnlySpan<double> y, int n)
    {
        int m = y.Length;
        double loss = 0;
        for (int i = 0; i < m; i++)
        {
            double z = w[0];
            for (int j = 0; j < n; j++)
            {
                z += w[j + 1] * x[i * n + j];
            }

            loss += SymMath.Softplus(z) - y[i] * z;
        }

        return loss / m;
    }

    /// <summary>The predicted probability of class 1 for one row.</summary>
    public static double Probability(ReadOnlySpan<double> w, ReadOnlySpan<double> row)
    {
        double z = w[0];
        for (int j = 0; j < row.Length; j++)
        {
            z += w[j + 1] * row[j];
        }

        return SymMath.Sigmoid(z);
    }
}
