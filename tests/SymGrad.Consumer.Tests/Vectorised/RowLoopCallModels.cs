using System;
using SymGrad;

namespace SymGrad.Consumer.Tests.Vectorised;

/// <summary>
/// Row lanes whose inner loops are calls (docs/how-it-works.md, "Row lanes"): a two-layer network with a sigmoid layer
/// into a private row and a linear layer over it. Its output layer's products are <c>Lanes.Dot</c>, its updates
/// <c>Lanes.AddScaled</c>, and the product by the output matrix's transpose runs before the class loop
/// (<c>Lanes.AddTransposedProducts</c>). A variant whose classes also read the row keeps that product in the loop.
/// Each has an <c>ExactSums</c> twin that keeps the loops.
/// </summary>
public static partial class RowLoopCallModels
{
    [Differentiable]
    public static double Network(double[] w1, double[] b1, double[] w2, [NoDerivative] double[] x, int m, int n, int h, int k)
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
                double s = 0.0;
                for (int j = 0; j < h; j++)
                {
                    s += w2[c * h + j] * a[j];
                }

                z[c] = s;
            }

            total += SymMath.LogSumExp(z) - 0.5 * z[0];
        }

        return total;
    }

    [Differentiable(ExactSums = true)]
    public static double NetworkExact(double[] w1, double[] b1, double[] w2, [NoDerivative] double[] x, int m, int n, int h, int k) => Network(w1, b1, w2, x, m, n, h, k);

    /// <summary><see cref="Network"/> whose class c also reads a[c] (k &lt;= h): the reversed class loop adds to da itself.</summary>
    [Differentiable]
    public static double ReadsTheRow(double[] w1, double[] b1, double[] w2, [NoDerivative] double[] x, int m, int n, int h, int k)
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
                double s = 0.0;
                for (int j = 0; j < h; j++)
                {
                    s += w2[c * h + j] * a[j];
                }

                z[c] = s + 0.5 * a[c];
            }

            total += SymMath.LogSumExp(z) - 0.5 * z[0];
        }

        return total;
    }

    [Differentiable(ExactSums = true)]
    public static double ReadsTheRowExact(double[] w1, double[] b1, double[] w2, [NoDerivative] double[] x, int m, int n, int h, int k) => ReadsTheRow(w1, b1, w2, x, m, n, h, k);

    /// <summary>The network with class c's dot over the first h - c hidden units: no fixed count for <c>Lanes.Dots</c>, so one <c>Lanes.Dot</c> per class (k &lt;= h).</summary>
    [Differentiable]
    public static double ShorteningDots(double[] w1, double[] b1, double[] w2, [NoDerivative] double[] x, int m, int n, int h, int k)
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
                double s = 0.0;
                for (int j = 0; j < h - c; j++)
                {
                    s += w2[c * h + j] * a[j];
                }

                z[c] = s;
            }

            total += SymMath.LogSumExp(z);
        }

        return total;
    }

    [Differentiable(ExactSums = true)]
    public static double ShorteningDotsExact(double[] w1, double[] b1, double[] w2, [NoDerivative] double[] x, int m, int n, int h, int k) => ShorteningDots(w1, b1, w2, x, m, n, h, k);

    /// <summary>The network with class c reading row k - 1 - c of w2: <c>Lanes.Dots</c> with a negative stride.</summary>
    [Differentiable]
    public static double ReversedRows(double[] w1, double[] b1, double[] w2, [NoDerivative] double[] x, int m, int n, int h, int k)
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
                double s = 0.0;
                for (int j = 0; j < h; j++)
                {
                    s += w2[(k - 1 - c) * h + j] * a[j];
                }

                z[c] = s;
            }

            total += SymMath.LogSumExp(z);
        }

        return total;
    }

    [Differentiable(ExactSums = true)]
    public static double ReversedRowsExact(double[] w1, double[] b1, double[] w2, [NoDerivative] double[] x, int m, int n, int h, int k) => ReversedRows(w1, b1, w2, x, m, n, h, k);

    /// <summary>
    /// <see cref="Network"/> with each class's inner loop ending at <c>Math.Min(h, h + c)</c>, which is h but reads c: one
    /// <c>Lanes.Dot</c> per class instead of <c>Lanes.Dots</c>, the same operations, so the same bits.
    /// </summary>
    [Differentiable]
    public static double NetworkDotPerClass(double[] w1, double[] b1, double[] w2, [NoDerivative] double[] x, int m, int n, int h, int k)
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
                double s = 0.0;
                for (int j = 0; j < Math.Min(h, h + c); j++)
                {
                    s += w2[c * h + j] * a[j];
                }

                z[c] = s;
            }

            total += SymMath.LogSumExp(z) - 0.5 * z[0];
        }

        return total;
    }

    [Differentiable]
    public static float SingleNetwork(float[] w1, float[] b1, float[] w2, [NoDerivative] float[] x, int m, int n, int h, int k)
    {
        float[] a = new float[h];
        float[] z = new float[k];
        float total = 0.0f;
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
                float s = 0.0f;
                for (int j = 0; j < h; j++)
                {
                    s += w2[c * h + j] * a[j];
                }

                z[c] = s;
            }

            total += SymMath.LogSumExp(z) - 0.5f * z[0];
        }

        return total;
    }

    /// <summary>
    /// Two private rows of activations and their product (<c>Lanes.Dot</c> of two private rows); its reverse adds each
    /// row scaled to the other's adjoint (<c>Lanes.AddScaled</c> from one private row into another).
    /// </summary>
    [Differentiable]
    public static double RowProduct(double[] w, double[] v, [NoDerivative] double[] x, int m, int n, int h)
    {
        double[] a = new double[h];
        double[] b = new double[h];
        double total = 0.0;
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < h; j++)
            {
                double s = 0.0;
                double t = 0.0;
                for (int q = 0; q < n; q++)
                {
                    s += w[j * n + q] * x[i * n + q];
                    t += v[j * n + q] * x[i * n + q];
                }

                a[j] = SymMath.Sigmoid(s);
                b[j] = SymMath.Sigmoid(t);
            }

            double product = 0.0;
            for (int j = 0; j < h; j++)
            {
                product += a[j] * b[j];
            }

            total += SymMath.Softplus(product);
        }

        return total;
    }

    [Differentiable(ExactSums = true)]
    public static double RowProductExact(double[] w, double[] v, [NoDerivative] double[] x, int m, int n, int h) => RowProduct(w, v, x, m, n, h);
}
