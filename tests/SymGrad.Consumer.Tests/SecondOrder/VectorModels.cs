using System;
using SymGrad.Models;

namespace SymGrad.Consumer.Tests.SecondOrder;

/// <summary>
/// Vector-valued methods (issue 11): each writes its result into one <c>Span&lt;double&gt;</c> and gets
/// <c>FJacobian</c>, <c>FPullback</c> (a vector-Jacobian product) and, asked for, <c>FTangent</c>.
/// </summary>
public static partial class VectorModels
{
    /// <summary>An exponential model's predictions at m points from 3 parameters: forward-mode Jacobian (n &lt;= m).</summary>
    [Differentiable(Tangent = true)]
    public static void Exponential(double[] p, [NoDerivative] double[] x, Span<double> output)
    {
        for (int i = 0; i < output.Length; i++)
        {
            double z = p[0] + p[1] * x[i];
            output[i] = Math.Exp(z) * p[2];
        }
    }

    /// <summary>Two outputs from a scalar and an array with a branch and a loop: reverse-mode Jacobian (n &gt; m).</summary>
    [Differentiable(Tangent = true)]
    public static void TwoFromMany(double scale, double[] w, Span<double> output)
    {
        double s = 0.0;
        double q = 1.0;
        for (int j = 0; j < w.Length; j++)
        {
            s += w[j] * w[j];
            q *= 1.0 + 0.1 * w[j];
        }

        output[0] = scale * Math.Sqrt(s);
        output[1] = s > 1.0 ? q / scale : q * scale;
    }

    /// <summary>The softmax, written into the output and normalised there: the output is read and overwritten.</summary>
    [Differentiable(Tangent = true)]
    public static void Softmax(double[] z, Span<double> output)
    {
        double total = 0.0;
        for (int k = 0; k < z.Length; k++)
        {
            output[k] = Math.Exp(z[k]);
            total += output[k];
        }

        for (int k = 0; k < z.Length; k++)
        {
            output[k] = output[k] / total;
        }
    }

    /// <summary>A vector of a scalar (a curve's point), without Tangent: FJacobian uses a private tangent.</summary>
    [Differentiable]
    public static void Helix(double t, Span<double> output)
    {
        output[0] = Math.Cos(t);
        output[1] = Math.Sin(t);
        output[2] = 0.5 * t;
    }

    /// <summary>
    /// Two outputs of a loop whose carried value is overwritten non-linearly: the loop is taped, so the
    /// reverse-mode Jacobian calls the whole pullback per row (a taped reverse sweep cannot run twice).
    /// </summary>
    [Differentiable]
    public static void TapedRecurrence(double[] w, Span<double> output)
    {
        double h = 0.5;
        for (int j = 0; j < w.Length; j++)
        {
            h = Math.Tanh(h * w[j] + 0.3);
        }

        output[0] = h;
        output[1] = h * h + w[0];
    }

    /// <summary>
    /// An output element and a local array's element read and overwritten, and callees of another
    /// assembly (pullback calls in the reverse sweep), with no tape: the Jacobian runs the forward sweep once and the reverse
    /// sweep once per row, putting the overwritten output back between rows.
    /// </summary>
    [Differentiable]
    public static void OverwrittenOutput(double[] w, double scale, Span<double> output)
    {
        double[] hidden = new double[3];
        hidden[0] = Math.Tanh(w[0] + scale * w[1]);
        hidden[1] = Math.Tanh(w[1] + scale * w[2]);
        hidden[2] = Math.Tanh(w[2] + scale * w[3]);
        hidden[1] = hidden[1] * hidden[0];

        output[0] = hidden[0] * hidden[1];
        output[0] = Math.Exp(output[0]) + hidden[2];
        output[1] = output[0] * scale + Gates.Multiply(w[3], hidden[1]);
        output[2] = Gates.Max(w[0], w[2]) - scale;
    }

    /// <summary>
    /// A Rodrigues-like rotation behind a branch on an immutable condition: the reverse sweep of the
    /// branch reads the forward's cosine and sine instead of calling Math.Cos and Math.Sin again.
    /// </summary>
    [Differentiable]
    public static void BranchRotation(double[] r, double[] p, Span<double> output)
    {
        double squared = r[0] * r[0] + r[1] * r[1];
        double x = p[0];
        double y = p[1];
        if (squared != 0.0)
        {
            double angle = Math.Sqrt(squared);
            double cosine = Math.Cos(angle);
            double sine = Math.Sin(angle);
            x = p[0] * cosine - p[1] * sine;
            y = p[0] * sine + p[1] * cosine;
        }
        else
        {
            x = p[0] - r[1] * p[1];
        }

        output[0] = x * p[2];
        output[1] = y / (1.0 + p[2] * p[2]);
    }

    /// <summary>
    /// <c>return;</c> in a vector-valued method, inside a loop: the outputs past the exit keep what the
    /// caller put there. Reverse mode (4 inputs, 3 outputs).
    /// </summary>
    [Differentiable(Tangent = true)]
    public static void EarlyExit(double[] w, Span<double> output)
    {
        output[0] = w[0] * w[1];
        for (int i = 1; i < output.Length; i++)
        {
            if (w[i] > 2.0)
            {
                return;
            }

            output[i] = Math.Sin(w[i]) * output[i - 1] + w[3];
        }
    }

    /// <summary>A scalar method calling a vector-valued one with an early exit (inlined).</summary>
    [Differentiable(Tangent = true, Hessian = true)]
    public static double CallsEarlyExit(double[] w)
    {
        double[] values = new double[3];
        EarlyExit(w, values);
        return values[0] + values[1] * values[2];
    }

    /// <summary>A scalar method calling vector-valued ones: the softmax into a local array, then its cross-entropy.</summary>
    [Differentiable(Tangent = true, Hessian = true)]
    public static double CrossEntropyOfSoftmax(double[] z, [NoDerivative] double[] target)
    {
        double[] probabilities = new double[z.Length];
        Softmax(z, probabilities);
        double[] point = new double[3];
        Helix(z[0], point);
        double loss = 0.0;
        for (int k = 0; k < z.Length; k++)
        {
            loss -= target[k] * Math.Log(probabilities[k]);
        }

        return loss + point[1] * point[2];
    }
}
