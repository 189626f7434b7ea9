using System;
using SymGrad.Data;
using SymGrad.Models;

namespace SymGrad.Samples.Training;

/// <summary>
/// The full-batch logistic loss <c>LogisticRegression.Loss</c> on one data set plus an optional ridge term
/// (penalty / 2) sum_(j >= 1) w_j^2 (the bias is not penalised), with its generated first- and second-order methods wired
/// for the solvers and a plain gradient-descent loop. The ridge term is added around the generated methods (its gradient is
/// penalty * w_j, its Hessian penalty on the diagonal), so the model stays the seed's.
/// </summary>
internal sealed class LogisticProblem
{
    public LogisticProblem(DataSet data, double penalty)
    {
        Penalty = penalty;
        X = data.Features.ToArray();
        Y = data.Targets.ToArray();
        N = data.FeatureCount;
        M = data.RowCount;
        Size = LogisticRegression.ParameterCount(N);
    }

    /// <summary>The features, row-major.</summary>
    public double[] X { get; }

    /// <summary>The 0/1 targets.</summary>
    public double[] Y { get; }

    /// <summary>The number of features.</summary>
    public int N { get; }

    /// <summary>The number of rows.</summary>
    public int M { get; }

    /// <summary>The number of weights, n + 1.</summary>
    public int Size { get; }

    /// <summary>The ridge coefficient (0: the plain logistic loss).</summary>
    public double Penalty { get; }

    /// <summary>The value, gradient and dense Hessian for the Newton solver: the generated method takes the solver's span directly.</summary>
    public double ValueGradientHessian(ReadOnlySpan<double> w, Span<double> gradient, Span<double> hessian)
    {
        double value = LogisticRegression.LossHessian(w, X, Y, N, gradient, hessian);
        for (int j = 1; j < Size; j++)
        {
            hessian[j * Size + j] += Penalty;
        }

        return value + AddRidge(w, gradient);
    }

    /// <summary>The value and gradient, as gradient descent takes them.</summary>
    public double ValueAndGradient(ReadOnlySpan<double> w, Span<double> gradient) =>
        LogisticRegression.LossGradient(w, X, Y, N, gradient) + AddRidge(w, gradient);

    /// <summary>The ridge term's value; adds its gradient to <paramref name="gradient"/>.</summary>
    private double AddRidge(ReadOnlySpan<double> w, Span<double> gradient)
    {
        double sum = 0;
        for (int j = 1; j < Size; j++)
        {
            sum += w[j] * w[j];
            gradient[j] += Penalty * w[j];
        }

        return 0.5 * Penalty * sum;
    }

    /// <summary>
    /// The largest eigenvalue of the Hessian at w = 0, by power iteration on the generated Hessian-vector product (plus the
    /// ridge term's). Since sigma'(z) &lt;= 1/4 with equality at z = 0, H(w) &lt;= H(0) for every w: it is the Lipschitz constant
    /// of the gradient.
    /// </summary>
    public double LargestHessianEigenvalueAtZero(int iterations = 200)
    {
        var zero = new double[Size];
        var v = new double[Size];
        var hv = new double[Size];
        Array.Fill(v, 1 / Math.Sqrt(Size));
        double eigenvalue = 0;
        for (int k = 0; k < iterations; k++)
        {
            LogisticRegression.LossHessianVectorProduct(zero, X, Y, N, v, hv);
            for (int j = 1; j < Size; j++)
            {
                hv[j] += Penalty * v[j];
            }

            eigenvalue = Norm(hv);
            for (int j = 0; j < Size; j++)
            {
                v[j] = hv[j] / eigenvalue;
            }
        }

        return eigenvalue;
    }

    /// <summary>
    /// <paramref name="steps"/> steps w -= step * gradient from <paramref name="w"/> (updated in place). Returns the loss before
    /// each step and after the last (steps + 1 values, as the solvers' ValueHistory) and the final gradient's norm.
    /// </summary>
    public (double[] History, double FinalGradientNorm) GradientDescent(double[] w, double step, int steps)
    {
        var history = new double[steps + 1];
        var gradient = new double[Size];
        for (int k = 0; ; k++)
        {
            history[k] = ValueAndGradient(w, gradient);
            if (k == steps)
            {
                return (history, Norm(gradient));
            }

            for (int j = 0; j < Size; j++)
            {
                w[j] -= step * gradient[j];
            }
        }
    }

    /// <summary>The textbook Hessian of the logistic loss alone, (1/m) sum_i sigma'(z_i) x~_i x~_i^T, x~_i = (1, x_i), row-major.</summary>
    public double[] ClosedFormHessian(ReadOnlySpan<double> w)
    {
        var hessian = new double[Size * Size];
        var row = new double[Size];
        row[0] = 1;
        for (int i = 0; i < M; i++)
        {
            X.AsSpan(i * N, N).CopyTo(row.AsSpan(1));
            double p = LogisticRegression.Probability(w, row.AsSpan(1));
            double weight = p * (1 - p) / M;
            for (int a = 0; a < Size; a++)
            {
                for (int b = 0; b < Size; b++)
                {
                    hessian[a * Size + b] += weight * row[a] * row[b];
                }
            }
        }

        return hessian;
    }

    /// <summary>The Euclidean norm.</summary>
    public static double Norm(ReadOnlySpan<double> v)
    {
        double sum = 0;
        foreach (double value in v)
        {
            sum += value * value;
        }

        return Math.Sqrt(sum);
    }
}
