using System;
using SymGrad;

namespace SymGrad.Models;

/// <summary>
/// Softmax regression with the categorical cross-entropy: k classes, weights row-major k x (n + 1)
/// with each class's bias first. The textbook gradient for class j is
/// (1/m) sum_i (softmax_j(x_i) - 1(y_i = j)) (1, x_i).
/// </summary>
public static partial class SoftmaxRegression
{
    /// <summary>The number of weights: k (n + 1).</summary>
    public static int ParameterCount(int n, int k) => k * (n + 1);

    /// <summary>The mean of -log softmax_(y_i)(W x_i).</summary>
    [Differentiable(Hessian = true, Tangent = true)]
    public static double Loss(ReadOnlySpan<double> w, [NoDerivative] ReadOnlySpan<double> x, ReadOnlySpan<int> y, int n, int k)
    {
        int m = y.Length;
        Span<double> scores = stackalloc double[k];
        double loss = 0;
        for (int i = 0; i < m; i++)
        {
            for (int c = 0; c < k; c++)
            {
                double s = w[c * (n + 1)];
                for (int j = 0; j < n; j++)
                {
                    s += w[c * (n + 1) + j + 1] * x[i * n + j];
                }

                scores[c] = s;
            }

            loss -= SymMath.LogSoftmax(scores, y[i]);
        }

        return loss / m;
    }

    /// <summary>The scores W (1, row) of one row, written into <paramref name="scores"/>.</summary>
    public static void Scores(ReadOnlySpan<double> w, ReadOnlySpan<double> row, int k, Span<double> scores)
    {
        int n = row.Length;
        for (int c = 0; c < k; c++)
        {
            double s = w[c * (n + 1)];
            for (int j = 0; j < n; j++)
            {
                s += w[c * (n + 1) + j + 1] * row[j];
            }

            scores[c] = s;
        }
    }

    /// <summary>The class with the highest score.</summary>
    public static int Predict(ReadOnlySpan<double> w, ReadOnlySpan<double> row, int k)
    {
        Span<double> scores = stackalloc double[k];
        Scores(w, row, k, scores);
        return ArgMax(scores);
    }

    internal static int ArgMax(ReadOnlySpan<double> values)
    {
        int best = 0;
        for (int c = 1; c < values.Length; c++)
        {
            if (values[c] > values[best])
            {
                best = c;
            }
        }

        return best;
    }
}
