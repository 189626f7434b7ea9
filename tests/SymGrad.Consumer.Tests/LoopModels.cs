using System;
using SymGrad;

namespace SymGrad.Consumer.Tests;

/// <summary>One method per loop shape the generator supports.</summary>
public static partial class LoopModels
{
    /// <summary>An accumulation loop: fused.</summary>
    [Differentiable(Tangent = true, Hessian = true)]
    public static double SumOfSquares(double[] x)
    {
        double s = 0;
        for (int i = 0; i < x.Length; i++)
        {
            s += x[i] * x[i];
        }

        return Math.Sqrt(s);
    }

    /// <summary>Horner's rule, counting down: p is loop-carried.</summary>
    [Differentiable(Tangent = true, Hessian = true)]
    public static double Horner(double x, double[] c)
    {
        double p = c[c.Length - 1];
        for (int i = c.Length - 2; i >= 0; i--)
        {
            p = p * x + c[i];
        }

        return p;
    }

    [Differentiable(Tangent = true, Hessian = true)]
    public static double RunningProduct(double[] a)
    {
        double p = 1;
        for (int i = 0; i < a.Length; i++)
        {
            p *= a[i];
        }

        return p;
    }

    /// <summary>A recurrence h = tanh(w h + u_t).</summary>
    [Differentiable(Tangent = true, Hessian = true)]
    public static double Recurrence(double w, double[] u)
    {
        double h = 0;
        for (int t = 0; t < u.Length; t++)
        {
            h = Math.Tanh(w * h + u[t]);
        }

        return h * h;
    }

    /// <summary>Prefix sums over a local array: elements are read and overwritten.</summary>
    [Differentiable(Tangent = true, Hessian = true)]
    public static double PrefixSums(double[] a)
    {
        double[] t = new double[a.Length];
        for (int i = 0; i < a.Length; i++)
        {
            t[i] = a[i] * a[i];
        }

        for (int i = 1; i < a.Length; i++)
        {
            t[i] += t[i - 1];
        }

        double s = 0;
        for (int i = 0; i < a.Length; i++)
        {
            s += Math.Sin(t[i]);
        }

        return s;
    }

    [Differentiable(Tangent = true, Hessian = true)]
    public static double MaxReduction(double[] a)
    {
        double m = a[0];
        for (int i = 1; i < a.Length; i++)
        {
            m = Math.Max(m, a[i]);
        }

        return m * m;
    }

    [Differentiable(Tangent = true, Hessian = true)]
    public static double ForEachSpan(ReadOnlySpan<double> a)
    {
        double s = 0;
        foreach (double v in a)
        {
            s += Math.Exp(v) / a.Length;
        }

        return Math.Log(s);
    }

    [Differentiable(Tangent = true, Hessian = true)]
    public static double BranchesInLoop(double[] a, double t)
    {
        double s = 0;
        for (int i = 0; i < a.Length; i++)
        {
            if (a[i] > t)
            {
                s += a[i] * t;
            }
            else
            {
                s -= Math.Log(1 + a[i] * a[i]);
            }

            s += a[i] > 0 ? a[i] : -a[i] * t;
        }

        return s;
    }

    /// <summary>A local overwritten twice per iteration.</summary>
    [Differentiable(Tangent = true, Hessian = true)]
    public static double OverwrittenLocal(double[] a)
    {
        double v = 0;
        for (int i = 0; i < a.Length; i++)
        {
            v = a[i] * v + 1;
            v = Math.Sin(v);
        }

        return v;
    }

    /// <summary>Nested loops: sum_i sigmoid(W_i . x) with a row-major W; fused outer loop.</summary>
    [Differentiable(Tangent = true, Hessian = true)]
    public static double MatrixVector(double[] w, double[] x, int rows)
    {
        int n = x.Length;
        double s = 0;
        for (int i = 0; i < rows; i++)
        {
            double z = 0;
            for (int j = 0; j < n; j++)
            {
                z += w[i * n + j] * x[j];
            }

            s += SymMath.Sigmoid(z);
        }

        return s;
    }

    /// <summary>A stackalloc scratch array and LogSoftmax per sample: softmax regression's shape.</summary>
    [Differentiable(Tangent = true, Hessian = true)]
    public static double ScratchScores(double[] w, [NoDerivative] double[] x, ReadOnlySpan<int> y, int k)
    {
        int m = y.Length;
        int n = x.Length / m;
        Span<double> z = stackalloc double[k];
        double loss = 0;
        for (int i = 0; i < m; i++)
        {
            for (int c = 0; c < k; c++)
            {
                double score = 0;
                for (int j = 0; j < n; j++)
                {
                    score += w[c * n + j] * x[i * n + j];
                }

                z[c] = score;
            }

            loss -= SymMath.LogSoftmax(z, y[i]);
        }

        return loss / m;
    }

    [Differentiable(Tangent = true, Hessian = true)]
    public static double DotAndLogSumExp(double[] a, double[] b)
    {
        double[] z = new double[a.Length];
        for (int i = 0; i < a.Length; i++)
        {
            z[i] = a[i] * b[i];
        }

        return SymMath.Dot(a, b) + SymMath.LogSumExp(z);
    }

    [Differentiable(Tangent = true, Hessian = true)]
    public static double SoftmaxOutput(double[] z, int label)
    {
        double[] p = new double[z.Length];
        SymMath.Softmax(z, p);
        return -Math.Log(p[label]) + p[0] * p[1];
    }

    [Differentiable(Tangent = true, Hessian = true)]
    public static double MatrixData(double[] w, double[,] x, int[] labels)
    {
        double s = 0;
        for (int i = 0; i < x.GetLength(0); i++)
        {
            double z = 0;
            for (int j = 0; j < x.GetLength(1); j++)
            {
                z += w[j] * x[i, j];
            }

            s += labels[i] == 1 ? SymMath.Softplus(-z) : SymMath.Softplus(z);
        }

        return s;
    }

    /// <summary>An active value computed before a fused loop and read inside it, plus a regulariser outside it.</summary>
    [Differentiable(Tangent = true, Hessian = true)]
    public static double InvariantsAndRegulariser(double logScale, double[] a, double lambda)
    {
        double scale = Math.Exp(logScale);
        double s = 0;
        for (int i = 0; i < a.Length; i++)
        {
            s += scale * a[i] * a[i] + Math.Cos(a[i]);
        }

        return s + lambda * SymMath.Dot(a, a);
    }

    /// <summary>A scratch array of a fused loop written twice per iteration, the second time multiplicatively.</summary>
    [Differentiable(Tangent = true, Hessian = true)]
    public static double ScratchRewritten(double[] a, double x)
    {
        double[] t = new double[2];
        double s = 0;
        for (int i = 0; i < a.Length; i++)
        {
            t[0] = a[i] + x;
            t[1] = a[i] * x;
            for (int j = 0; j < 2; j++)
            {
                t[j] = t[j] * t[j] + a[i];
            }

            s += t[0] * t[1];
        }

        return s;
    }

    /// <summary>A scratch element overwritten after it is read, in an accumulation loop.</summary>
    [Differentiable(Tangent = true, Hessian = true)]
    public static double ScratchOverwrittenAfterRead(double[] a)
    {
        double[] t = new double[1];
        double s = 0;
        for (int i = 0; i < a.Length; i++)
        {
            t[0] = a[i];
            s += t[0] * t[0];
            t[0] = 2 * a[i];
            s += t[0];
        }

        return s;
    }

    /// <summary>An element read before this iteration writes it: the value comes from the previous iteration.</summary>
    [Differentiable(Tangent = true, Hessian = true)]
    public static double ScratchCarriedToNextIteration(double[] a)
    {
        double[] t = new double[2];
        double s = 0;
        for (int i = 0; i < a.Length; i++)
        {
            t[1] = a[i];
            s += t[0] * a[i];
            t[0] = t[1];
        }

        return s;
    }

    /// <summary>Element increments on a local array.</summary>
    [Differentiable(Tangent = true, Hessian = true)]
    public static double ElementIncrements(double[] a)
    {
        double[] t = new double[a.Length];
        for (int i = 0; i < a.Length; i++)
        {
            t[i] = a[i] * a[i];
            t[i]++;
            t[i] *= a[i];
        }

        return SymMath.LogSumExp(t);
    }

    /// <summary>A scratch array written by one statement that runs several times per iteration (once per component).</summary>
    [Differentiable(Tangent = true, Hessian = true)]
    public static double ScratchPerComponent(double[] mu, [NoDerivative] double[] x, int k)
    {
        int d = x.Length;
        double[] centered = new double[d];
        double[] terms = new double[k];
        double s = 0;
        for (int i = 0; i < 2; i++)
        {
            for (int c = 0; c < k; c++)
            {
                for (int j = 0; j < d; j++)
                {
                    centered[j] = x[j] * (i + 1) - mu[c * d + j];
                }

                double norm = 0;
                for (int j = 0; j < d; j++)
                {
                    norm += centered[j] * centered[j];
                }

                terms[c] = -norm;
            }

            s += SymMath.LogSumExp(terms);
        }

        return s;
    }

    /// <summary>An accumulation loop that also counts with an integer: still fused.</summary>
    [Differentiable(Tangent = true, Hessian = true)]
    public static double MeanWithCount(double[] a)
    {
        double s = 0;
        int count = 0;
        for (int i = 0; i < a.Length; i++)
        {
            s += a[i] * a[i] * a[i];
            count++;
        }

        return s / count;
    }
}
