using System;
using SymGrad;

namespace SymGrad.Consumer.Tests.Vectorised;

/// <summary>
/// Row lanes (docs/how-it-works.md, "Row lanes"): row loops whose body loops over classes, run eight rows at a time
/// (sixteen in <c>float</c>). Softmax regression (private logits and their adjoints, max, exp, log, the tape, a
/// row-dependent branch of the reverse), a margin loss with branches that differ between rows (an else, <c>Math.Min</c>,
/// <c>Math.Abs</c>, a conditional expression), and a model whose scratch array is read after the loop, which keeps
/// the loop as written. Each has an <c>ExactSums</c> twin that keeps the loops.
/// </summary>
public static partial class RowLaneModels
{
    [Differentiable]
    public static double Softmax(double[] w, double[] b, [NoDerivative] double[] x, [NoDerivative] double[] y, int m, int n, int k)
    {
        double[] z = new double[k];
        double total = 0.0;
        for (int i = 0; i < m; i++)
        {
            for (int c = 0; c < k; c++)
            {
                double s = b[c];
                for (int j = 0; j < n; j++)
                {
                    s += w[c * n + j] * x[i * n + j];
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
    public static double SoftmaxExact(double[] w, double[] b, [NoDerivative] double[] x, [NoDerivative] double[] y, int m, int n, int k) => Softmax(w, b, x, y, m, n, k);

    /// <summary><see cref="Softmax"/> in <c>float</c>: sixteen rows at a time.</summary>
    [Differentiable]
    public static float SingleSoftmax(float[] w, float[] b, [NoDerivative] float[] x, [NoDerivative] float[] y, int m, int n, int k)
    {
        float[] z = new float[k];
        float total = 0.0f;
        for (int i = 0; i < m; i++)
        {
            for (int c = 0; c < k; c++)
            {
                float s = b[c];
                for (int j = 0; j < n; j++)
                {
                    s += w[c * n + j] * x[i * n + j];
                }

                z[c] = s;
            }

            float max = z[0];
            for (int c = 1; c < k; c++)
            {
                max = MathF.Max(max, z[c]);
            }

            float sumExp = 0.0f;
            for (int c = 0; c < k; c++)
            {
                sumExp += MathF.Exp(z[c] - max);
            }

            float lse = max + MathF.Log(sumExp);
            for (int c = 0; c < k; c++)
            {
                total += y[i * k + c] * (lse - z[c]);
            }
        }

        return total / m;
    }

    /// <summary>A margin loss per class: branches whose condition differs between rows, with an else, <c>Math.Min</c>, <c>Math.Abs</c> and a conditional expression.</summary>
    [Differentiable]
    public static double Margins(double[] w, double[] b, [NoDerivative] double[] x, [NoDerivative] double[] y, int m, int n, int k)
    {
        double[] z = new double[k];
        double total = 0.0;
        for (int i = 0; i < m; i++)
        {
            for (int c = 0; c < k; c++)
            {
                double s = b[c];
                for (int j = 0; j < n; j++)
                {
                    s += w[c * n + j] * x[i * n + j];
                }

                z[c] = s;
            }

            for (int c = 0; c < k; c++)
            {
                double margin = z[c] * (2.0 * y[i * k + c] - 1.0);
                if (margin < 1.0)
                {
                    total += (1.0 - margin) * (1.0 - margin);
                }
                else
                {
                    total += 0.01 * Math.Abs(z[c]);
                }

                total += 0.1 * Math.Min(z[c], 0.5) + (z[c] > -0.25 ? z[c] * z[c] : -z[c]);
            }
        }

        return total / m;
    }

    [Differentiable(ExactSums = true)]
    public static double MarginsExact(double[] w, double[] b, [NoDerivative] double[] x, [NoDerivative] double[] y, int m, int n, int k) => Margins(w, b, x, y, m, n, k);

    /// <summary>Softmax regression that also returns the last row's largest logit: its scratch array outlives the loop, so the loop stays as written.</summary>
    [Differentiable]
    public static double LastLogits(double[] w, double[] b, [NoDerivative] double[] x, int m, int n, int k)
    {
        double[] z = new double[k];
        double total = 0.0;
        for (int i = 0; i < m; i++)
        {
            for (int c = 0; c < k; c++)
            {
                double s = b[c];
                for (int j = 0; j < n; j++)
                {
                    s += w[c * n + j] * x[i * n + j];
                }

                z[c] = s;
            }

            for (int c = 0; c < k; c++)
            {
                total += Math.Exp(-z[c] * z[c]);
            }
        }

        double last = 0.0;
        for (int c = 0; c < k; c++)
        {
            last += z[c];
        }

        return total + last;
    }

    [Differentiable(ExactSums = true)]
    public static double LastLogitsExact(double[] w, double[] b, [NoDerivative] double[] x, int m, int n, int k) => LastLogits(w, b, x, m, n, k);

    /// <summary>A two-layer network with a skip connection from the inputs to the logits: the row's nested class tile holds a product of the enclosing row tile (x by v), which stays the enclosing tile's.</summary>
    [Differentiable]
    public static double Skip(double[] w1, double[] w2, double[] v, [NoDerivative] double[] x, [NoDerivative] double[] y, int m, int n, int h, int k)
    {
        double[] a = new double[h];
        double[] z = new double[k];
        double total = 0.0;
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < h; j++)
            {
                double s = 0.0;
                for (int t = 0; t < n; t++)
                {
                    s += w1[j * n + t] * x[i * n + t];
                }

                a[j] = SymMath.Sigmoid(s);
            }

            for (int c = 0; c < k; c++)
            {
                double s2 = 0.0;
                for (int j = 0; j < h; j++)
                {
                    s2 += w2[c * h + j] * a[j];
                }

                for (int t = 0; t < n; t++)
                {
                    s2 += v[c * n + t] * x[i * n + t];
                }

                z[c] = s2;
            }

            for (int c = 0; c < k; c++)
            {
                total += (z[c] - y[i * k + c]) * (z[c] - y[i * k + c]);
            }
        }

        return total / m;
    }

    [Differentiable(ExactSums = true)]
    public static double SkipExact(double[] w1, double[] w2, double[] v, [NoDerivative] double[] x, [NoDerivative] double[] y, int m, int n, int h, int k) => Skip(w1, w2, v, x, y, m, n, h, k);

    /// <summary>
    /// Conditions that decide before their right operand (<c>c + 1 &lt; k &amp;&amp; z[c + 1] &lt; z[c]</c>: z[c + 1] is read only
    /// when it exists) and a row's condition set again to a value the same for every row.
    /// </summary>
    [Differentiable]
    public static double Neighbours(double[] w, double[] b, [NoDerivative] double[] x, int m, int n, int k)
    {
        double[] z = new double[k];
        double total = 0.0;
        for (int i = 0; i < m; i++)
        {
            for (int c = 0; c < k; c++)
            {
                double s = b[c];
                for (int j = 0; j < n; j++)
                {
                    s += w[c * n + j] * x[i * n + j];
                }

                z[c] = s;
            }

            for (int c = 0; c < k; c++)
            {
                if (c + 1 < k && z[c + 1] < z[c])
                {
                    total += z[c] - z[c + 1];
                }

                bool hinge = z[c] < 1.0;
                if (c == 0)
                {
                    hinge = false;
                }

                if (hinge)
                {
                    total += 1.0 - z[c];
                }
            }
        }

        return total;
    }

    [Differentiable(ExactSums = true)]
    public static double NeighboursExact(double[] w, double[] b, [NoDerivative] double[] x, int m, int n, int k) => Neighbours(w, b, x, m, n, k);

    /// <summary><see cref="Margins"/> in <c>float</c>: sixteen rows' masks, a bool saved on the tape as 1 or 0 per lane.</summary>
    [Differentiable]
    public static float SingleMargins(float[] w, float[] b, [NoDerivative] float[] x, [NoDerivative] float[] y, int m, int n, int k)
    {
        float[] z = new float[k];
        float total = 0.0f;
        for (int i = 0; i < m; i++)
        {
            for (int c = 0; c < k; c++)
            {
                float s = b[c];
                for (int j = 0; j < n; j++)
                {
                    s += w[c * n + j] * x[i * n + j];
                }

                z[c] = s;
            }

            for (int c = 0; c < k; c++)
            {
                float margin = z[c] * (2.0f * y[i * k + c] - 1.0f);
                if (margin < 1.0f)
                {
                    total += (1.0f - margin) * (1.0f - margin);
                }
                else
                {
                    total += 0.01f * MathF.Abs(z[c]);
                }

                total += 0.1f * MathF.Min(z[c], 0.5f) + (z[c] > -0.25f ? z[c] * z[c] : -z[c]);
            }
        }

        return total / m;
    }
}
