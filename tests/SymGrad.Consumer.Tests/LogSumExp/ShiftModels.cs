using System;
using SymGrad;

namespace SymGrad.Consumer.Tests.LogSumExp;

/// <summary>
/// Log-sum-exp shifts (docs/how-it-works.md, "Log-sum-exp shifts"): models whose maximum carries no derivative
/// (the first four) and look-alikes whose maximum does (the rest), each differentiated and checked the same way.
/// </summary>
public static partial class ShiftModels
{
    /// <summary>Softmax cross-entropy per row with the stable log-sum-exp: the shift pattern in a loop over rows.</summary>
    [Differentiable(Tangent = true, Hessian = true)]
    public static double RowCrossEntropy(double[] z, [NoDerivative] double[] y, int m, int k)
    {
        double total = 0.0;
        for (int i = 0; i < m; i++)
        {
            double max = z[i * k];
            for (int c = 1; c < k; c++)
            {
                max = Math.Max(max, z[i * k + c]);
            }

            double sumExp = 0.0;
            for (int c = 0; c < k; c++)
            {
                sumExp += Math.Exp(z[i * k + c] - max);
            }

            double lse = max + Math.Log(sumExp);
            for (int c = 0; c < k; c++)
            {
                total += y[i * k + c] * (lse - z[i * k + c]);
            }
        }

        return total / m;
    }

    /// <summary>The log first, each exp named, the maximum through a conditional, and the sum inside a larger expression.</summary>
    [Differentiable(Tangent = true, Hessian = true)]
    public static double NamedTerms(double[] z, double scale)
    {
        double max = z[0];
        for (int c = 1; c < z.Length; c++)
        {
            if (z[c] > max)
            {
                max = z[c];
            }
        }

        double sumExp = 0.0;
        for (int c = 0; c < z.Length; c++)
        {
            double e = Math.Exp(scale * z[c] - max);
            sumExp = sumExp + e;
        }

        double total = scale * scale;
        total = total + (Math.Log(sumExp) + max);
        return total;
    }

    /// <summary>The shift is a constant-free expression of the parameters it also reads elsewhere (the sum's terms).</summary>
    [Differentiable(Tangent = true, Hessian = true)]
    public static double ShiftFromTwoArrays(double[] a, double[] b)
    {
        double max = Math.Max(a[0] + b[0], a[1] + b[1]);
        double sumExp = 0.0;
        for (int c = 0; c < a.Length; c++)
        {
            sumExp += Math.Exp(a[c] + b[c] - max);
        }

        return 2.0 * (max + Math.Log(sumExp)) + a[0] * b[1];
    }

    /// <summary>The <c>float</c> form.</summary>
    [Differentiable]
    public static float SingleLogSumExp(float[] z)
    {
        float max = z[0];
        for (int c = 1; c < z.Length; c++)
        {
            max = MathF.Max(max, z[c]);
        }

        float sumExp = 0f;
        for (int c = 0; c < z.Length; c++)
        {
            sumExp += MathF.Exp(z[c] - max);
        }

        return max + MathF.Log(sumExp);
    }

    /// <summary>Not a shift: the maximum runs inside the sum's loop, so each term has its own (online, unrescaled).</summary>
    [Differentiable(Tangent = true, Hessian = true)]
    public static double RunningMaximum(double[] z)
    {
        double max = z[0];
        double sumExp = 0.0;
        for (int c = 0; c < z.Length; c++)
        {
            max = Math.Max(max, z[c]);
            sumExp += Math.Exp(z[c] - max);
        }

        return max + Math.Log(sumExp);
    }

    /// <summary>Not a shift: the result reads the maximum again outside the log-sum-exp.</summary>
    [Differentiable(Tangent = true, Hessian = true)]
    public static double MaximumReadAgain(double[] z)
    {
        double max = z[0];
        for (int c = 1; c < z.Length; c++)
        {
            max = Math.Max(max, z[c]);
        }

        double sumExp = 0.0;
        for (int c = 0; c < z.Length; c++)
        {
            sumExp += Math.Exp(z[c] - max);
        }

        return max + Math.Log(sumExp) + 0.25 * max * max;
    }

    /// <summary>Not a shift: the sum runs across the rows while each row has its own maximum.</summary>
    [Differentiable(Tangent = true, Hessian = true)]
    public static double SumAcrossRows(double[] z, int m, int k)
    {
        double sumExp = 0.0;
        double total = 0.0;
        for (int i = 0; i < m; i++)
        {
            double max = z[i * k];
            for (int c = 1; c < k; c++)
            {
                max = Math.Max(max, z[i * k + c]);
            }

            for (int c = 0; c < k; c++)
            {
                sumExp += Math.Exp(z[i * k + c] - max);
            }

            total += max + Math.Log(sumExp);
        }

        return total;
    }

    /// <summary>Not a shift: the sum starts from 1, so the shift moves the value.</summary>
    [Differentiable(Tangent = true, Hessian = true)]
    public static double SumFromOne(double[] z)
    {
        double max = z[0];
        for (int c = 1; c < z.Length; c++)
        {
            max = Math.Max(max, z[c]);
        }

        double sumExp = 1.0;
        for (int c = 0; c < z.Length; c++)
        {
            sumExp += Math.Exp(z[c] - max);
        }

        return max + Math.Log(sumExp);
    }

    /// <summary>Not a shift: the sum is also read by the probabilities.</summary>
    [Differentiable(Tangent = true, Hessian = true)]
    public static double SumReadAgain(double[] z)
    {
        double max = z[0];
        for (int c = 1; c < z.Length; c++)
        {
            max = Math.Max(max, z[c]);
        }

        double sumExp = 0.0;
        for (int c = 0; c < z.Length; c++)
        {
            sumExp += Math.Exp(z[c] - max);
        }

        return max + Math.Log(sumExp) + Math.Exp(z[0] - max) / sumExp;
    }
}
