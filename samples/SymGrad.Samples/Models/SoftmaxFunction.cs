using System;
using SymGrad;

namespace SymGrad.Samples.Models;

/// <summary>One output of the softmax, so that its generated gradient is one row of the softmax Jacobian.</summary>
public static partial class SoftmaxFunction
{
    /// <summary>softmax_i(z) = exp(z_i) / sum_j exp(z_j); the generated gradient is d softmax_i / dz_j for every j.</summary>
    [Differentiable]
    public static double Component(ReadOnlySpan<double> z, int i)
    {
        Span<double> s = stackalloc double[z.Length];
        SymMath.Softmax(z, s);
        return s[i];
    }
}
