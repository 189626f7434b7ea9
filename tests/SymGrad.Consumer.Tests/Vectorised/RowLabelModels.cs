using System;
using SymGrad;

namespace SymGrad.Consumer.Tests.Vectorised;

/// <summary>
/// Row lanes with ints that differ between rows (docs/how-it-works.md, "Row lanes"): the samples' way of writing a
/// classifier, class labels in an <c>int</c> span and <c>SymMath.LogSoftmax(scores, y[i])</c> over a <c>stackalloc</c>
/// row of scores, as softmax regression and as a two-layer network through calls; a model that reads elements of
/// private arrays at a label and at an int computed from it, with <c>SymMath.LogSumExp</c>; and the <c>float</c>
/// softmax and picks, sixteen rows at a time. Each <c>double</c> model has an <c>ExactSums</c>
/// twin that keeps the loops.
/// </summary>
public static partial class RowLabelModels
{
    [Differentiable]
    public static double Softmax(ReadOnlySpan<double> w, [NoDerivative] ReadOnlySpan<double> x, ReadOnlySpan<int> y, int n, int k)
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

    [Differentiable(ExactSums = true)]
    public static double SoftmaxExact(ReadOnlySpan<double> w, [NoDerivative] ReadOnlySpan<double> x, ReadOnlySpan<int> y, int n, int k) => Softmax(w, x, y, n, k);

    [Differentiable]
    public static double Hidden(ReadOnlySpan<double> p, [NoDerivative] ReadOnlySpan<double> x, int n, int u, int i)
    {
        double a = p[u * (n + 1)];
        for (int j = 0; j < n; j++)
        {
            a += p[u * (n + 1) + j + 1] * x[i * n + j];
        }

        return SymMath.Sigmoid(a);
    }

    [Differentiable]
    public static double Output(ReadOnlySpan<double> p, ReadOnlySpan<double> hidden, int second, int c)
    {
        int h = hidden.Length;
        double s = p[second + c * (h + 1)];
        for (int u = 0; u < h; u++)
        {
            s += p[second + c * (h + 1) + u + 1] * hidden[u];
        }

        return s;
    }

    /// <summary>The samples' two-layer classifier: calls for the units, stackalloc rows, LogSoftmax at the label.</summary>
    [Differentiable]
    public static double Network(ReadOnlySpan<double> p, [NoDerivative] ReadOnlySpan<double> x, ReadOnlySpan<int> y, int n, int h, int k)
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
                hidden[u] = Hidden(p, x, n, u, i);
            }

            for (int c = 0; c < k; c++)
            {
                scores[c] = Output(p, hidden, second, c);
            }

            loss -= SymMath.LogSoftmax(scores, y[i]);
        }

        return loss / m;
    }

    [Differentiable(ExactSums = true)]
    public static double NetworkExact(ReadOnlySpan<double> p, [NoDerivative] ReadOnlySpan<double> x, ReadOnlySpan<int> y, int n, int h, int k) => Network(p, x, y, n, h, k);

    /// <summary>
    /// Elements of private arrays read at a label and at <c>k - 1 - label</c> beside a log-sum-exp and a log-softmax at a
    /// class the same for every row; the reverse adds to
    /// their adjoints there. (A write at a label in the loop would make iterations depend on each other: no fused loop.)
    /// </summary>
    [Differentiable]
    public static double Picks(double[] w, [NoDerivative] double[] x, ReadOnlySpan<int> y, int n, int k)
    {
        double[] z = new double[k];
        double[] t = new double[k];
        double loss = 0;
        for (int i = 0; i < y.Length; i++)
        {
            for (int c = 0; c < k; c++)
            {
                double s = 0.1 * c;
                for (int j = 0; j < n; j++)
                {
                    s += w[c * n + j] * x[i * n + j];
                }

                z[c] = s;
            }

            for (int c = 0; c < k; c++)
            {
                t[c] = 0.5 * z[c] * SymMath.Sigmoid(z[c]);
            }

            int label = y[i];
            int mirror = k - 1 - label;
            double spread = 0;
            for (int c = 0; c < k; c++)
            {
                spread += t[c] * SymMath.Sigmoid(z[c]);
            }

            loss += SymMath.LogSumExp(z) - z[label] + 0.3 * z[mirror] * t[label] + 0.1 * spread + 0.05 * SymMath.LogSoftmax(z, 0);
        }

        return loss / y.Length;
    }

    [Differentiable(ExactSums = true)]
    public static double PicksExact(double[] w, [NoDerivative] double[] x, ReadOnlySpan<int> y, int n, int k) => Picks(w, x, y, n, k);

    /// <summary><see cref="Softmax"/> in <c>float</c>: sixteen rows at a time, the labels in 32-bit lanes.</summary>
    [Differentiable]
    public static float SingleSoftmax(ReadOnlySpan<float> w, [NoDerivative] ReadOnlySpan<float> x, ReadOnlySpan<int> y, int n, int k)
    {
        int m = y.Length;
        Span<float> scores = stackalloc float[k];
        float loss = 0;
        for (int i = 0; i < m; i++)
        {
            for (int c = 0; c < k; c++)
            {
                float s = w[c * (n + 1)];
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

    /// <summary><see cref="Picks"/> in <c>float</c>.</summary>
    [Differentiable]
    public static float SinglePicks(float[] w, [NoDerivative] float[] x, ReadOnlySpan<int> y, int n, int k)
    {
        float[] z = new float[k];
        float[] t = new float[k];
        float loss = 0;
        for (int i = 0; i < y.Length; i++)
        {
            for (int c = 0; c < k; c++)
            {
                float s = 0.1f * c;
                for (int j = 0; j < n; j++)
                {
                    s += w[c * n + j] * x[i * n + j];
                }

                z[c] = s;
            }

            for (int c = 0; c < k; c++)
            {
                t[c] = 0.5f * z[c] * SymMath.Sigmoid(z[c]);
            }

            int label = y[i];
            int mirror = k - 1 - label;
            float spread = 0;
            for (int c = 0; c < k; c++)
            {
                spread += t[c] * SymMath.Sigmoid(z[c]);
            }

            loss += SymMath.LogSumExp(z) - z[label] + 0.3f * z[mirror] * t[label] + 0.1f * spread + 0.05f * SymMath.LogSoftmax(z, 0);
        }

        return loss / y.Length;
    }
}
