using System;
using SymGrad;

namespace SymGrad.Models;

/// <summary>
/// Two-layer networks: a sigmoid hidden layer of h units, then o outputs. Parameters are one flat
/// array: W1 (h x (n + 1), each unit's bias first), then W2 (o x (h + 1), each output's bias first).
/// Three heads: linear output with squared error (regression), sigmoid output with binary
/// cross-entropy, and softmax output with categorical cross-entropy.
/// </summary>
public static partial class TwoLayerNetwork
{
    /// <summary>The number of parameters: h (n + 1) + o (h + 1).</summary>
    public static int ParameterCount(int n, int h, int o) => (h * (n + 1)) + (o * (h + 1));

    /// <summary>Regression: E = 1/2 sum_i r_i^2 with r_i = w2 . (1, sigmoid(W1 (1, x_i))) - t_i.</summary>
    [Differentiable]
    public static double RegressionLoss(ReadOnlySpan<double> p, [NoDerivative] ReadOnlySpan<double> x, [NoDerivative] ReadOnlySpan<double> t, int n, int h)
    {
        int m = t.Length;
        int second = h * (n + 1);
        Span<double> hidden = stackalloc double[h];
        double error = 0;
        for (int i = 0; i < m; i++)
        {
            for (int u = 0; u < h; u++)
            {
                double a = p[u * (n + 1)];
                for (int j = 0; j < n; j++)
                {
                    a += p[u * (n + 1) + j + 1] * x[i * n + j];
                }

                hidden[u] = SymMath.Sigmoid(a);
            }

            double output = p[second];
            for (int u = 0; u < h; u++)
            {
                output += p[second + u + 1] * hidden[u];
            }

            double r = output - t[i];
            error += 0.5 * r * r;
        }

        return error;
    }

    /// <summary>Binary classification: mean binary cross-entropy of a sigmoid output, as softplus(o) - t o.</summary>
    [Differentiable]
    public static double BinaryLoss(ReadOnlySpan<double> p, [NoDerivative] ReadOnlySpan<double> x, [NoDerivative] ReadOnlySpan<double> t, int n, int h)
    {
        int m = t.Length;
        int second = h * (n + 1);
        Span<double> hidden = stackalloc double[h];
        double loss = 0;
        for (int i = 0; i < m; i++)
        {
            for (int u = 0; u < h; u++)
            {
                double a = p[u * (n + 1)];
                for (int j = 0; j < n; j++)
                {
                    a += p[u * (n + 1) + j + 1] * x[i * n + j];
                }

                hidden[u] = SymMath.Sigmoid(a);
            }

            double output = p[second];
            for (int u = 0; u < h; u++)
            {
                output += p[second + u + 1] * hidden[u];
            }

            loss += SymMath.Softplus(output) - t[i] * output;
        }

        return loss / m;
    }

    /// <summary>Multi-class classification: mean categorical cross-entropy of a softmax output over k classes.</summary>
    [Differentiable]
    public static double MulticlassLoss(ReadOnlySpan<double> p, [NoDerivative] ReadOnlySpan<double> x, ReadOnlySpan<int> y, int n, int h, int k)
    {
        int m = y.Length;
        int second = h * (n + 1);
        Span<double> hidden = stackalloc double[h];
        Span<double> scores = stackalloc double[k];
        double loss = 0;
        for (int i = 0; i < m; i++)
        {
            for (int u = 0; u < h; u++)
            {
                double a = p[u * (n + 1)];
                for (int j = 0; j < n; j++)
                {
                    a += p[u * (n + 1) + j + 1] * x[i * n + j];
                }

                hidden[u] = SymMath.Sigmoid(a);
            }

            for (int c = 0; c < k; c++)
            {
                double s = p[second + c * (h + 1)];
                for (int u = 0; u < h; u++)
                {
                    s += p[second + c * (h + 1) + u + 1] * hidden[u];
                }

                scores[c] = s;
            }

            loss -= SymMath.LogSoftmax(scores, y[i]);
        }

        return loss / m;
    }

    /// <summary>The outputs (before any output non-linearity) for one row, written into <paramref name="outputs"/>.</summary>
    public static void Outputs(ReadOnlySpan<double> p, ReadOnlySpan<double> row, int h, Span<double> outputs)
    {
        int n = row.Length;
        int second = h * (n + 1);
        Span<double> hidden = h <= 256 ? stackalloc double[h] : new double[h];
        for (int u = 0; u < h; u++)
        {
            double a = p[u * (n + 1)];
            for (int j = 0; j < n; j++)
            {
                a += p[u * (n + 1) + j + 1] * row[j];
            }

            hidden[u] = SymMath.Sigmoid(a);
        }

        for (int c = 0; c < outputs.Length; c++)
        {
            double s = p[second + c * (h + 1)];
            for (int u = 0; u < h; u++)
            {
                s += p[second + c * (h + 1) + u + 1] * hidden[u];
            }

            outputs[c] = s;
        }
    }

    /// <summary>The class with the highest output.</summary>
    public static int PredictClass(ReadOnlySpan<double> p, ReadOnlySpan<double> row, int h, int k)
    {
        Span<double> outputs = stackalloc double[k];
        Outputs(p, row, h, outputs);
        return SoftmaxRegression.ArgMax(outputs);
    }

    /// <summary>Small random initial weights (uniform in +-1/sqrt(fan-in)), reproducible from the seed.</summary>
    public static double[] InitialParameters(int n, int h, int o, int seed)
    {
        var random = new Random(seed);
        var p = new double[ParameterCount(n, h, o)];
        int second = h * (n + 1);
        for (int i = 0; i < p.Length; i++)
        {
            double fanIn = i < second ? n + 1 : h + 1;
            p[i] = (random.NextDouble() * 2 - 1) / Math.Sqrt(fanIn);
        }

        return p;
    }
}
