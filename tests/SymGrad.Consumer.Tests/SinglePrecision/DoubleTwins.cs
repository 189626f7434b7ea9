using System;
using SymGrad;

namespace SymGrad.Consumer.Tests.SinglePrecision;

/// <summary>The <c>double</c> twins of <see cref="SingleModels"/>: the same statements, the reference for their gradients.</summary>
public static partial class DoubleTwins
{
    /// <summary>Logistic loss over m rows of n features with an L2 penalty.</summary>
    [Differentiable(Tangent = true, Hessian = true)]
    public static double Logistic(double[] w, [NoDerivative] double[] x, [NoDerivative] double[] y, int m, int n)
    {
        double loss = 0.0;
        for (int i = 0; i < m; i++)
        {
            double z = 0.25;
            for (int j = 0; j < n; j++)
            {
                z += w[j] * x[i * n + j];
            }

            loss += SymMath.Softplus(z) - y[i] * z;
        }

        double penalty = 0.0;
        for (int j = 0; j < n; j++)
        {
            penalty += w[j] * w[j];
        }

        return loss / m + 0.05 * penalty;
    }

    /// <summary>Softmax regression: k classes, log-sum-exp of a local array of scores.</summary>
    [Differentiable]
    public static double Softmax(double[] w, [NoDerivative] double[] x, [NoDerivative] int[] labels, int m, int n, int k)
    {
        double[] scores = new double[k];
        double loss = 0.0;
        for (int i = 0; i < m; i++)
        {
            for (int c = 0; c < k; c++)
            {
                double s = 0.0;
                for (int j = 0; j < n; j++)
                {
                    s += w[c * n + j] * x[i * n + j];
                }

                scores[c] = s;
            }

            loss += SymMath.LogSumExp(scores) - scores[labels[i]];
        }

        return loss / m;
    }

    /// <summary>A recurrence the reverse sweep reads back from the tape, with Math and an explicit conversion.</summary>
    [Differentiable(Tangent = true)]
    public static double Recurrence(double[] v, double a)
    {
        double s = a;
        for (int i = 0; i < v.Length; i++)
        {
            s = s * Math.Tanh(v[i]) + Math.Sin(a * v[i]) + SymMath.Sigmoid(s) * 0.5;
        }

        return s * s;
    }

    /// <summary>Calls a <c>double</c> method (inlined) and one with a custom derivative.</summary>
    [Differentiable]
    public static double Caller(double[] v, double a)
    {
        return Recurrence(v, a) + Cube(a) * SymMath.Relu(v[0]) + Math.Max(a, v[0]);
    }

    /// <summary>a³, through a hand-written derivative.</summary>
    public static double Cube(double a) => a * a * a;

    /// <summary>The derivative of <see cref="Cube"/>.</summary>
    [DerivativeOf(nameof(Cube))]
    public static double CubeGradient(double a, out double da)
    {
        da = 3.0 * a * a;
        return a * a * a;
    }

    /// <summary>A vector-valued method: its Jacobian.</summary>
    [Differentiable]
    public static void Scaled(double[] z, double t, Span<double> output)
    {
        double[] p = new double[z.Length];
        SymMath.Softmax(z, p);
        for (int i = 0; i < z.Length; i++)
        {
            output[i] = p[i] * t + z[i] * z[i];
        }
    }
}
