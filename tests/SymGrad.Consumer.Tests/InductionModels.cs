using System;
using SymGrad;

namespace SymGrad.Consumer.Tests;

/// <summary>
/// Integers a loop steps by a fixed amount, read in closed form (docs/loops-and-arrays.md, "Induction integers in
/// closed form"): GMM's packed triangle with every input active (its reverse rows are <c>Kernels.AddScaledAndDot</c>),
/// in <c>double</c> and <c>float</c> and with an <c>ExactSums</c> twin; strides read before and after their step; a
/// step down; a loop that may run no iteration with the integer read after it; a count stepped by a parameter; and
/// GMM's per-component shape.
/// </summary>
public static partial class InductionModels
{
    /// <summary>|Q x|² + a prior, Q = diag(exp(q)) plus the strictly lower part stored column by column.</summary>
    [Differentiable]
    public static double Triangle(double[] logDiagonal, double[] lower, double[] x, int d)
    {
        double[] q = new double[d];
        for (int j = 0; j < d; j++)
        {
            q[j] = Math.Exp(logDiagonal[j]) * x[j];
        }

        int l = 0;
        for (int i = 0; i < d; i++)
        {
            for (int j = i + 1; j < d; j++)
            {
                q[j] = q[j] + lower[l] * x[i];
                l++;
            }
        }

        double s = 0.0;
        for (int j = 0; j < d; j++)
        {
            s += q[j] * q[j];
        }

        return 0.5 * s + (l > 0 ? lower[l - 1] * lower[0] : 0.0);
    }

    [Differentiable(ExactSums = true)]
    public static double TriangleExact(double[] logDiagonal, double[] lower, double[] x, int d)
    {
        double[] q = new double[d];
        for (int j = 0; j < d; j++)
        {
            q[j] = Math.Exp(logDiagonal[j]) * x[j];
        }

        int l = 0;
        for (int i = 0; i < d; i++)
        {
            for (int j = i + 1; j < d; j++)
            {
                q[j] = q[j] + lower[l] * x[i];
                l++;
            }
        }

        double s = 0.0;
        for (int j = 0; j < d; j++)
        {
            s += q[j] * q[j];
        }

        return 0.5 * s + (l > 0 ? lower[l - 1] * lower[0] : 0.0);
    }

    /// <summary>The triangle in <c>float</c>, over several points, as GMM runs it per point and component.</summary>
    [Differentiable]
    public static float TriangleSingle(float[] lower, float[] x, int d, int points)
    {
        float[] q = new float[d];
        float total = 0.0f;
        for (int p = 0; p < points; p++)
        {
            for (int j = 0; j < d; j++)
            {
                q[j] = x[p * d + j];
            }

            int l = 0;
            for (int i = 0; i < d; i++)
            {
                for (int j = i + 1; j < d; j++)
                {
                    q[j] = q[j] + lower[l] * x[p * d + i];
                    l++;
                }
            }

            for (int j = 0; j < d; j++)
            {
                total += q[j] * q[j];
            }
        }

        return total;
    }

    /// <summary>The triangle in <c>double</c>, the <c>float</c> model's twin.</summary>
    [Differentiable]
    public static double TriangleDouble(double[] lower, double[] x, int d, int points)
    {
        double[] q = new double[d];
        double total = 0.0;
        for (int p = 0; p < points; p++)
        {
            for (int j = 0; j < d; j++)
            {
                q[j] = x[p * d + j];
            }

            int l = 0;
            for (int i = 0; i < d; i++)
            {
                for (int j = i + 1; j < d; j++)
                {
                    q[j] = q[j] + lower[l] * x[p * d + i];
                    l++;
                }
            }

            for (int j = 0; j < d; j++)
            {
                total += q[j] * q[j];
            }
        }

        return total;
    }

    /// <summary>A stride of <paramref name="step"/> read before and after its step, and after the loop.</summary>
    [Differentiable]
    public static double Strided(double[] w, int n, int step)
    {
        double s = 0.0;
        int p = 1;
        for (int j = 0; j < n; j++)
        {
            s += w[p] * w[p - 1];
            p += step;
            s += Math.Sin(w[p - 1]);
        }

        return s + w[p - step];
    }

    /// <summary>An index stepping down, with a loop over a range that may be empty (<paramref name="from"/> past <paramref name="to"/>).</summary>
    [Differentiable]
    public static double Downwards(double[] w, double[] x, int from, int to)
    {
        double s = 0.0;
        int q = w.Length - 1;
        for (int j = from; j < to; j++)
        {
            s += w[q] * x[j];
            q--;
        }

        return s + w[q] * w[q];
    }

    /// <summary>A count stepped by a parameter per iteration, as LSTM's objective counts its terms.</summary>
    [Differentiable]
    public static double Mean(double[] w, int b, int c)
    {
        double total = 0.0;
        int count = 0;
        for (int t = 0; t < c - 1; t++)
        {
            for (int i = 0; i < b; i++)
            {
                total += w[t * b + i] * w[(t + 1) * b + i];
            }

            count += b;
        }

        return count > 0 ? total / count : w[0];
    }

    /// <summary>A loop from <c>int.MinValue</c>: the closed form's <c>j - int.MinValue</c> wraps as the steps do.</summary>
    [Differentiable]
    public static double FromMinimum(double[] w, int n)
    {
        double s = 0.0;
        int p = 0;
        for (int j = int.MinValue; j < int.MinValue + n; j++)
        {
            s += w[p] * w[p + 1];
            p++;
        }

        return s + w[p];
    }

    /// <summary>
    /// GMM's shape: per point and component, scratch rows filled, then the packed triangle through them, so the
    /// component loop saves the rows' final contents and its reverse rows are one <c>Kernels.AddScaledAndDot</c> with the
    /// forward rows one guarded <c>Kernels.AddScaled</c> (scale <c>centered[i]</c>); an <c>ExactSums</c> twin and a
    /// <c>float</c> twin.
    /// </summary>
    [Differentiable]
    public static double Components(double[] lower, double[] means, [NoDerivative] double[] x, int d, int k, int n)
    {
        int size = d * (d - 1) / 2;
        double[] centered = new double[d];
        double[] q = new double[d];
        double total = 0;
        for (int p = 0; p < n; p++)
        {
            for (int c = 0; c < k; c++)
            {
                for (int j = 0; j < d; j++)
                {
                    centered[j] = x[p * d + j] - means[c * d + j];
                }

                for (int j = 0; j < d; j++)
                {
                    q[j] = centered[j];
                }

                int l = c * size;
                for (int i = 0; i < d; i++)
                {
                    for (int j = i + 1; j < d; j++)
                    {
                        q[j] = q[j] + lower[l] * centered[i];
                        l++;
                    }
                }

                double s = 0;
                for (int j = 0; j < d; j++)
                {
                    s += q[j] * q[j];
                }

                total += Math.Log(1 + s);
            }
        }

        return total;
    }

    [Differentiable(ExactSums = true)]
    public static double ComponentsExact(double[] lower, double[] means, [NoDerivative] double[] x, int d, int k, int n)
    {
        int size = d * (d - 1) / 2;
        double[] centered = new double[d];
        double[] q = new double[d];
        double total = 0;
        for (int p = 0; p < n; p++)
        {
            for (int c = 0; c < k; c++)
            {
                for (int j = 0; j < d; j++)
                {
                    centered[j] = x[p * d + j] - means[c * d + j];
                }

                for (int j = 0; j < d; j++)
                {
                    q[j] = centered[j];
                }

                int l = c * size;
                for (int i = 0; i < d; i++)
                {
                    for (int j = i + 1; j < d; j++)
                    {
                        q[j] = q[j] + lower[l] * centered[i];
                        l++;
                    }
                }

                double s = 0;
                for (int j = 0; j < d; j++)
                {
                    s += q[j] * q[j];
                }

                total += Math.Log(1 + s);
            }
        }

        return total;
    }

    [Differentiable]
    public static float ComponentsSingle(float[] lower, float[] means, [NoDerivative] float[] x, int d, int k, int n)
    {
        int size = d * (d - 1) / 2;
        float[] centered = new float[d];
        float[] q = new float[d];
        float total = 0;
        for (int p = 0; p < n; p++)
        {
            for (int c = 0; c < k; c++)
            {
                for (int j = 0; j < d; j++)
                {
                    centered[j] = x[p * d + j] - means[c * d + j];
                }

                for (int j = 0; j < d; j++)
                {
                    q[j] = centered[j];
                }

                int l = c * size;
                for (int i = 0; i < d; i++)
                {
                    for (int j = i + 1; j < d; j++)
                    {
                        q[j] = q[j] + lower[l] * centered[i];
                        l++;
                    }
                }

                float s = 0;
                for (int j = 0; j < d; j++)
                {
                    s += q[j] * q[j];
                }

                total += MathF.Log(1 + s);
            }
        }

        return total;
    }
}
