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
}
