using System;
using SymGrad;

namespace SymGrad.Samples.Models;

/// <summary>
/// Functions of a vector x whose derivatives have different shapes. SymGrad differentiates scalar functions, so a vector
/// or matrix valued function is written per component (an index parameter selects it) and its derivative is assembled
/// from one generated gradient per component.
/// </summary>
public static partial class GradientShapes
{
    /// <summary>Scalar of a vector: f(x) = log sum_i exp(x_i). Its gradient is a vector, softmax(x).</summary>
    [Differentiable(Hessian = true)]
    public static double LogSumExp(ReadOnlySpan<double> x) => SymMath.LogSumExp(x);

    /// <summary>Component i of the vector y = tanh(A x). Its Jacobian dy_i/dx_j = (1 - y_i^2) A_ij is a matrix.</summary>
    [Differentiable]
    public static double LayerOutput(ReadOnlySpan<double> x, double[,] a, int i)
    {
        double s = 0;
        for (int j = 0; j < x.Length; j++)
        {
            s += a[i, j] * x[j];
        }

        return Math.Tanh(s);
    }

    /// <summary>The whole vector y = tanh(A x), written into <paramref name="y"/>: vector-valued, so SymGrad generates its Jacobian.</summary>
    [Differentiable]
    public static void Layer(ReadOnlySpan<double> x, double[,] a, Span<double> y)
    {
        for (int i = 0; i < y.Length; i++)
        {
            double s = 0;
            for (int j = 0; j < x.Length; j++)
            {
                s += a[i, j] * x[j];
            }

            y[i] = Math.Tanh(s);
        }
    }

    /// <summary>Entry (i, j) of the 2 x 2 matrix Y = (x_0, x_1)^T (x_1, x_2): Y_ij = x_i x_(j+1). dY_ij/dx_k is a rank-3 tensor.</summary>
    [Differentiable]
    public static double OuterEntry(ReadOnlySpan<double> x, int i, int j) => x[i] * x[j + 1];
}
