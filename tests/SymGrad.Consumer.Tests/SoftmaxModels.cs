using System;
using SymGrad;

namespace SymGrad.Consumer.Tests;

/// <summary>A model that breaks SymMath.Softmax's precondition: its output is longer than its input.</summary>
public static partial class SoftmaxModels
{
    [Differentiable(Tangent = true, Hessian = true)]
    public static double LongerOutput(double[] z)
    {
        double[] p = new double[z.Length + 1];
        SymMath.Softmax(z, p);
        return p[0];
    }
}
