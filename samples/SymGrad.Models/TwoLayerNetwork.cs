using System;
using SymGrad;

namespace SymGrad.Models;

/// <summary>
/// Two-layer networks: a sigmoid hidden layer of h units, then o outputs. Parameters are one flat
/// array: W1 (h x (n + 1), each unit's bias first), then W2 (o x (h + 1), each output's bias first).
/// Three heads: linear output with squared error (regression), sigmoid output with binary
/// cross-entropy, and softmax output with categorical cross-entropy. The losses are written as layers:
/// each calls the differentiable units <see cref="HiddenUnit"/> and <see cref="OutputUnit"/>, which
/// SymGrad inlines into their gradients (docs/composition.md).
/// </summary>
public static partial class TwoLayerNetwork
{
    /// <summary>The number of parameters: h (n + 1) + o (h + 1).</summary>
    public static int ParameterCount(int n, int h, int o) => (h * (n + 1)) + (o * (h + 1));

    /// <summary>The activation of hidden unit u for row i: sigmoid(W1[u] . (1, x_i)).</summary>
    [Differentiable]
    public static double HiddenUnit(ReadOnlySpan<double> p, [NoDerivative] ReadOnlySpan<double> x, int n, int u, int i)
    {
        double a = p[u * (n + 1)];
        for (int j = 0; j < n; j++)
        {
            a += p[u * (n + 1) + j + 1] * x[i * n + j];
        }

        return SymMath.Sigmoid(a);
    }

    /// <summary>Output c before any output non-linearity: W2[c] . (1, hidden), W2 starting at <paramref name="second"/>.</summary>
    [Differentiable]
    public static double OutputUnit(ReadOnlySpan<double> p, ReadOnlySpan<double> hidden, int second, int c)
    {
        int h = hidden.Length;
        double s = p[second + c * (h + 1)];
        for (int u = 0; u < h; u++)
        {
            s += p[second + c * (h + 1) + u + 1] * hidden[u];
        }

        return s;
    }

    /// <summary>Regression: E = 1/2 sum_i r_i^2 with r_i = w2 . (1, sigmoid(W1 (1, x_i))) - t_i.</summary>
    [Differentiable(Hessian = true, Tangent = true)]
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
                hidden[u] = HiddenUnit(p, x, n, u, i);
            }

            double r = OutputUnit(p, hidden, second, 0) - t[i];
            error += 0.5 * r * r;
        }

        return error;
    }

    /// <summary>Binary classification: mean binary cross-entropy of a sigmoid output, as softplus(o) - t o.</summary>
    [Differentiable(Hessian = true, Tangent = true)]
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
                hidden[u] = HiddenUnit(p, x, n, u, i);
            }

            double output = OutputUnit(p, hidden, second, 0);
            loss += SymMath.Softplus(output) - t[i] * output;
        }

        return loss / m;
    }

    /// <summary>Multi-class classification: mean categorical cross-entropy of a softmax output over k classes.</summary>
    [Differentiable(Hessian = true, Tangent = true)]
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
                hidden[u] = HiddenUnit(p, x, n, u, i);
            }

            for (int c = 0; c < k; c++)
            {
                scores[c] = OutputUnit(p, hidden, second, c);
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
            hidden[u] = HiddenUnit(p, row, n, u, 0);
        }

        for (int c = 0; c < outputs.Length; c++)
        {
            outputs[c] = OutputUnit(p, hidden, second, c);
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
