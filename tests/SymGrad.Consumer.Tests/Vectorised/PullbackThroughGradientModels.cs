using SymGrad;

namespace SymGrad.Consumer.Tests.Vectorised;

/// <summary>
/// Row-tiled methods with a scalar parameter beside the array one, in both precisions: their pullbacks call the
/// gradient into scratch and add seed times it (docs/how-it-works.md, "Pullbacks of tiled gradients"), through both
/// kinds of output (<c>ref double db</c> and <c>Span dw</c>).
/// </summary>
public static partial class PullbackThroughGradientModels
{
    [Differentiable]
    public static double BiasedLogistic(double[] w, double b, [NoDerivative] double[] x, [NoDerivative] double[] y, int n)
    {
        double loss = 0.0;
        for (int i = 0; i < y.Length; i++)
        {
            double z = b;
            for (int j = 0; j < n; j++)
            {
                z += w[j] * x[i * n + j];
            }

            loss += SymMath.Softplus(z) - y[i] * z;
        }

        return loss / y.Length;
    }

    [Differentiable]
    public static float BiasedLogisticSingle(float[] w, float b, [NoDerivative] float[] x, [NoDerivative] float[] y, int n)
    {
        float loss = 0.0f;
        for (int i = 0; i < y.Length; i++)
        {
            float z = b;
            for (int j = 0; j < n; j++)
            {
                z += w[j] * x[i * n + j];
            }

            loss += SymMath.Softplus(z) - y[i] * z;
        }

        return loss / y.Length;
    }

    /// <summary>
    /// A tiled logistic loss over <c>w</c> plus a penalty on sixteen more arrays (each <c>p[0] * p[1]</c>): seventeen
    /// differentiated arrays, so the pullback puts sixteen scratch spans on the stack when they are short and rents the
    /// seventeenth whatever its length (the per-method limit of stack scratch).
    /// </summary>
    [Differentiable]
    public static double ManyArrayLogistic(double[] w, double[] p1, double[] p2, double[] p3, double[] p4, double[] p5, double[] p6, double[] p7, double[] p8, double[] p9, double[] p10, double[] p11, double[] p12, double[] p13, double[] p14, double[] p15, double[] p16, [NoDerivative] double[] x, [NoDerivative] double[] y, int n)
    {
        double loss = 0.0;
        for (int i = 0; i < y.Length; i++)
        {
            double z = 0.0;
            for (int j = 0; j < n; j++)
            {
                z += w[j] * x[i * n + j];
            }

            loss += SymMath.Softplus(z) - y[i] * z;
        }

        double penalty = 0.0;
        penalty += p1[0] * p1[1];
        penalty += p2[0] * p2[1];
        penalty += p3[0] * p3[1];
        penalty += p4[0] * p4[1];
        penalty += p5[0] * p5[1];
        penalty += p6[0] * p6[1];
        penalty += p7[0] * p7[1];
        penalty += p8[0] * p8[1];
        penalty += p9[0] * p9[1];
        penalty += p10[0] * p10[1];
        penalty += p11[0] * p11[1];
        penalty += p12[0] * p12[1];
        penalty += p13[0] * p13[1];
        penalty += p14[0] * p14[1];
        penalty += p15[0] * p15[1];
        penalty += p16[0] * p16[1];
        return loss / y.Length + penalty;
    }
}
