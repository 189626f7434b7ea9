using System;
using SymGrad;

namespace SymGrad.Consumer.Tests.SinglePrecision;

/// <summary>
/// <c>float</c> models (docs/single-precision.md), each beside its <c>double</c> twin in <see cref="DoubleTwins"/>:
/// the same statements with <c>double</c> types, so the twin's gradient (checked against central differences)
/// is the reference for the <c>float</c> one. Together they cover row dot products and their reverse updates
/// (the <c>float</c> kernels), SymMath's <c>float</c> overloads, a taped recurrence, an explicit conversion,
/// calls between <c>float</c> methods, a custom derivative, and a vector-valued method.
/// </summary>
public static partial class SingleModels
{
    /// <summary>Logistic loss over m rows of n features with an L2 penalty.</summary>
    [Differentiable(Tangent = true, Hessian = true)]
    public static float Logistic(float[] w, [NoDerivative] float[] x, [NoDerivative] float[] y, int m, int n)
    {
        float loss = 0f;
        for (int i = 0; i < m; i++)
        {
            float z = 0.25f;
            for (int j = 0; j < n; j++)
            {
                z += w[j] * x[i * n + j];
            }

            loss += SymMath.Softplus(z) - y[i] * z;
        }

        float penalty = 0f;
        for (int j = 0; j < n; j++)
        {
            penalty += w[j] * w[j];
        }

        return loss / m + 0.05f * penalty;
    }

    /// <summary>Softmax regression: k classes, log-sum-exp of a local array of scores.</summary>
    [Differentiable]
    public static float Softmax(float[] w, [NoDerivative] float[] x, [NoDerivative] int[] labels, int m, int n, int k)
    {
        float[] scores = new float[k];
        float loss = 0f;
        for (int i = 0; i < m; i++)
        {
            for (int c = 0; c < k; c++)
            {
                float s = 0f;
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

    /// <summary>A recurrence the reverse sweep reads back from the tape, with MathF and an explicit conversion.</summary>
    [Differentiable(Tangent = true)]
    public static float Recurrence(float[] v, float a)
    {
        float s = a;
        for (int i = 0; i < v.Length; i++)
        {
            s = s * MathF.Tanh(v[i]) + (float)Math.Sin(a * v[i]) + SymMath.Sigmoid(s) * 0.5f;
        }

        return s * s;
    }

    /// <summary>Calls a <c>float</c> method (inlined) and one with a custom derivative.</summary>
    [Differentiable]
    public static float Caller(float[] v, float a)
    {
        return Recurrence(v, a) + Cube(a) * SymMath.Relu(v[0]) + MathF.Max(a, v[0]);
    }

    /// <summary>a³, through a hand-written derivative.</summary>
    public static float Cube(float a) => a * a * a;

    /// <summary>The derivative of <see cref="Cube"/>.</summary>
    [DerivativeOf(nameof(Cube))]
    public static float CubeGradient(float a, out float da)
    {
        da = 3f * a * a;
        return a * a * a;
    }

    /// <summary>Logistic loss over a batch given as spans, the shape <c>SinglePrecision.LossAndGradient</c> passes.</summary>
    [Differentiable]
    public static float BatchLogistic(ReadOnlySpan<float> w, [NoDerivative] ReadOnlySpan<float> x, [NoDerivative] ReadOnlySpan<float> y, int m, int n)
    {
        float loss = 0f;
        for (int i = 0; i < m; i++)
        {
            float z = w[n];
            for (int j = 0; j < n; j++)
            {
                z += w[j] * x[i * n + j];
            }

            loss += SymMath.Softplus(z) - y[i] * z;
        }

        return loss / m;
    }

    /// <summary>Part 3's shapes in float: scratch arrays restored by one copy or recomputed, indices undone; their double twins are RecomputeModels'.</summary>
    [Differentiable(Tangent = true, Hessian = true)]
    public static float WhitenedRecurrence(float[] mean, float[] packed, [NoDerivative] float[] x, int d, int n)
    {
        float[] centered = new float[d];
        float[] whitened = new float[d];
        float h = 0.1f;
        for (int s = 0; s < n; s++)
        {
            for (int j = 0; j < d; j++)
            {
                centered[j] = x[s * d + j] - mean[j];
            }

            for (int j = 0; j < d; j++)
            {
                whitened[j] = MathF.Exp(packed[j]) * centered[j];
            }

            int l = d;
            for (int i = 1; i < d; i++)
            {
                for (int j = 0; j < i; j++)
                {
                    whitened[i] = whitened[i] + packed[l] * centered[j];
                    l++;
                }
            }

            float norm = 0f;
            for (int j = 0; j < d; j++)
            {
                norm += whitened[j] * whitened[j];
            }

            h = MathF.Tanh(0.5f * h + 0.1f * norm);
        }

        return h;
    }

    [Differentiable(Tangent = true, Hessian = true)]
    public static float ElementScratch(float[] a, float x)
    {
        float[] c = new float[3];
        float[] kept = new float[4];
        int stride = a.Length / 4;
        int at = 0;
        float s = x;
        for (int k = 0; k < 4; k++)
        {
            c[0] = a[at] * x + k;
            c[1] = c[0] * a[at + 1] - x;
            c[2] = c[1] * c[0];
            s = MathF.Sin(s + c[2]) + 0.5f * c[1];
            kept[k] = s * c[0];
            at += stride;
        }

        return s + kept[1] * kept[3];
    }

    /// <summary>A vector-valued method: its Jacobian.</summary>
    [Differentiable]
    public static void Scaled(float[] z, float t, Span<float> output)
    {
        float[] p = new float[z.Length];
        SymMath.Softmax(z, p);
        for (int i = 0; i < z.Length; i++)
        {
            output[i] = p[i] * t + z[i] * z[i];
        }
    }

    /// <summary>
    /// The two-layer classifier of <see cref="Vectorised.TileModels.Classifier"/> (its twin) in <c>float</c>: row tiles
    /// over the hidden and output layers, the reverse class loop counted down and tiled from the top, and both
    /// output-layer updates deferred per tile, through the <c>float</c> tile kernels.
    /// </summary>
    [Differentiable]
    public static float Classifier(float[] w1, float[] b1, float[] w2, float[] b2, [NoDerivative] float[] x, [NoDerivative] float[] y, int m, int n, int h, int k)
    {
        float[] a = new float[h];
        float[] z = new float[k];
        float total = 0f;
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
                float s = b2[c];
                for (int j = 0; j < h; j++)
                {
                    s += w2[c * h + j] * a[j];
                }

                z[c] = s;
            }

            float max = z[0];
            for (int c = 1; c < k; c++)
            {
                max = MathF.Max(max, z[c]);
            }

            float sumExp = 0f;
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
}
