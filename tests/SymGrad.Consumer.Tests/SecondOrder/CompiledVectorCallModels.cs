using System;
using SymGrad.Models.AdBench;

namespace SymGrad.Consumer.Tests.SecondOrder;

/// <summary>
/// Calls of a vector-valued method of another assembly (SymGrad.Models' BA reprojection residual):
/// the call runs as written and is differentiated through the callee's compiled vector pullback,
/// seeded with the adjoint of the output array.
/// </summary>
public static partial class CompiledVectorCallModels
{
    /// <summary>The squared reprojection error of one observation: a scalar of the callee's output.</summary>
    [Differentiable(Tangent = true)]
    public static double ReprojectionNorm(double[] camera, double[] point, double weight, [NoDerivative] double[] feature)
    {
        double[] error = new double[2];
        BaObjective.ReprojectionResidual(camera, point, weight, feature, error);
        return error[0] * error[0] + error[1] * error[1];
    }

    /// <summary>The call in a branch, its output read and overwritten after it.</summary>
    [Differentiable(Tangent = true)]
    public static double InABranch(double[] camera, double[] point, double weight, [NoDerivative] double[] feature)
    {
        double[] error = new double[2];
        double penalty = camera[6] * 0.01;
        if (weight > 0.5)
        {
            BaObjective.ReprojectionResidual(camera, point, weight, feature, error);
            error[0] = error[0] * error[1] + penalty;
        }
        else
        {
            penalty = penalty * point[2];
        }

        return error[0] + Math.Exp(0.1 * error[1]) + penalty;
    }

    /// <summary>
    /// A sum over the camera in a loop the generator fuses (its derivative accumulated as it runs), then
    /// the call reading the same array: the call's pullback adds into the camera's adjoint too, which
    /// the fused loop's scaling must leave alone (a review finding).
    /// </summary>
    [Differentiable]
    public static double AfterAFusedLoop(double[] camera, double[] point, double weight, [NoDerivative] double[] feature)
    {
        double s = 0.0;
        for (int i = 0; i < camera.Length; i++)
        {
            s += camera[i] * camera[i] * 1e-3;
        }

        double[] error = new double[2];
        BaObjective.ReprojectionResidual(camera, point, weight, feature, error);
        return s * error[0] + error[1];
    }

    /// <summary>A vector-valued method built on the compiled one (its tangent reads the callee's Jacobian).</summary>
    [Differentiable(Tangent = true)]
    public static void ScaledResiduals(double[] camera, double[] point, double weight, [NoDerivative] double[] feature, Span<double> output)
    {
        double[] error = new double[2];
        BaObjective.ReprojectionResidual(camera, point, weight, feature, error);
        output[0] = error[0] * 2.0;
        output[1] = error[1] * error[0];
        output[2] = camera[0] * point[1];
    }
}
