using System;
using SymGrad;

namespace SymGrad.Consumer.Tests.Vectorised;

/// <summary>
/// Matrix-shaped loop nests the generator runs in row tiles (docs/how-it-works.md, "Row tiles"): a hidden layer's dot
/// products over a loop of units (<c>Kernels.DotTile</c>) with the weights' updates deferred
/// (<c>Kernels.AddScaledTile</c>), the data differentiated too (its updates move with the row and stay per row), and a
/// packed layout (biases first, row operand written first, a loop starting at 2, units counted down). Each has an
/// <c>ExactSums</c> twin that keeps the loops.
/// </summary>
public static partial class TileModels
{
    [Differentiable]
    public static double Network(double[] w1, double[] b1, double[] w2, double[] x, int m, int n, int h)
    {
        double[] a = new double[h];
        double loss = 0.0;
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < h; j++)
            {
                double s = b1[j];
                for (int t = 0; t < n; t++)
                {
                    s += w1[j * n + t] * x[i * n + t];
                }

                a[j] = Math.Tanh(s);
            }

            double o = 0.1;
            for (int j = 0; j < h; j++)
            {
                o += w2[j] * a[j];
            }

            loss += SymMath.Softplus(o) - 0.3 * o;
        }

        return loss;
    }

    [Differentiable(ExactSums = true)]
    public static double NetworkExact(double[] w1, double[] b1, double[] w2, double[] x, int m, int n, int h) => Network(w1, b1, w2, x, m, n, h);

    [Differentiable]
    public static double Packed(double[] p, [NoDerivative] double[] x, int m, int n, int h)
    {
        double loss = 0.0;
        for (int i = 2; i < m; i++)
        {
            for (int j = h - 1; j >= 0; j--)
            {
                double s = p[j * (n + 1)];
                for (int t = 0; t < n; t++)
                {
                    s += x[i * n + t] * p[j * (n + 1) + t + 1];
                }

                loss += Math.Exp(-0.5 * s * s);
            }
        }

        return loss;
    }

    [Differentiable(ExactSums = true)]
    public static double PackedExact(double[] p, [NoDerivative] double[] x, int m, int n, int h) => Packed(p, x, m, n, h);

    /// <summary>
    /// The benchmarks' two-layer classifier (sigmoid hidden layer, softmax output over k classes, cross-entropy):
    /// its reverse sweep's class loop counts down and is tiled from the top, both output-layer updates deferred.
    /// </summary>
    [Differentiable]
    public static double Classifier(double[] w1, double[] b1, double[] w2, double[] b2, [NoDerivative] double[] x, [NoDerivative] double[] y, int m, int n, int h, int k)
    {
        double[] a = new double[h];
        double[] z = new double[k];
        double total = 0.0;
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < h; j++)
            {
                double s = b1[j];
                for (int t = 0; t < n; t++)
                {
                    s += w1[j * n + t] * x[i * n + t];
                }

                a[j] = SymMath.Sigmoid(s);
            }

            for (int c = 0; c < k; c++)
            {
                double s = b2[c];
                for (int j = 0; j < h; j++)
                {
                    s += w2[c * h + j] * a[j];
                }

                z[c] = s;
            }

            double max = z[0];
            for (int c = 1; c < k; c++)
            {
                max = Math.Max(max, z[c]);
            }

            double sumExp = 0.0;
            for (int c = 0; c < k; c++)
            {
                sumExp += Math.Exp(z[c] - max);
            }

            double lse = max + Math.Log(sumExp);
            for (int c = 0; c < k; c++)
            {
                total += y[i * k + c] * (lse - z[c]);
            }
        }

        return total / m;
    }

    [Differentiable(ExactSums = true)]
    public static double ClassifierExact(double[] w1, double[] b1, double[] w2, double[] b2, [NoDerivative] double[] x, [NoDerivative] double[] y, int m, int n, int h, int k) =>
        Classifier(w1, b1, w2, b2, x, y, m, n, h, k);
}
