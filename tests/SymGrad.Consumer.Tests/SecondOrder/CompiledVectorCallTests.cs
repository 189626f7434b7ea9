using System;
using System.Linq;
using SymGrad.Models.AdBench;
using Xunit;

namespace SymGrad.Consumer.Tests.SecondOrder;

/// <summary>
/// Calls through a compiled vector pullback (<see cref="CompiledVectorCallModels"/>): gradients and
/// Jacobians against central differences, with the callee's rotation both away from and at zero.
/// </summary>
public sealed class CompiledVectorCallTests
{
    private static readonly double[] Feature = { 12.5, -3.25 };

    public static TheoryData<double[]> Cameras() => new()
    {
        new[] { 0.03, -0.02, 0.05, 0.1, -0.2, -5.0, 400.0, 2.0, -1.5, 1e-3, -2e-4 },
        new[] { 0.0, 0.0, 0.0, 0.1, -0.2, -5.0, 400.0, 2.0, -1.5, 1e-3, -2e-4 },
    };

    private delegate double Objective(double[] camera, double[] point, double weight, double[] feature);

    private delegate double Gradient(double[] camera, double[] point, double weight, double[] feature, Span<double> dCamera, Span<double> dPoint, out double dWeight);

    [Theory]
    [MemberData(nameof(Cameras))]
    public void GradientThroughTheCompiledPullbackMatchesCentralDifferences(double[] camera) =>
        CheckGradient(CompiledVectorCallModels.ReprojectionNorm, CompiledVectorCallModels.ReprojectionNormGradient, camera, 0.8);

    [Theory]
    [MemberData(nameof(Cameras))]
    public void TheCallAfterAFusedLoopMatchesCentralDifferences(double[] camera) =>
        CheckGradient(CompiledVectorCallModels.AfterAFusedLoop, CompiledVectorCallModels.AfterAFusedLoopGradient, camera, 0.8);

    [Theory]
    [InlineData(0.8)]
    [InlineData(0.3)]
    public void TheCallInABranchMatchesCentralDifferences(double weight) =>
        CheckGradient(CompiledVectorCallModels.InABranch, CompiledVectorCallModels.InABranchGradient, new[] { 0.03, -0.02, 0.05, 0.1, -0.2, -5.0, 400.0, 2.0, -1.5, 1e-3, -2e-4 }, weight);

    [Theory]
    [MemberData(nameof(Cameras))]
    public void TangentsThroughTheCallAreTheGradientAlongTheDirection(double[] camera)
    {
        double[] point = { 0.3, 0.5, 2.0 };
        double[] t = Enumerable.Range(0, 15).Select(k => Math.Sin(k + 1.0)).ToArray();
        foreach (double weight in new[] { 0.8, 0.3 })
        {
            var gradient = new double[15];
            CompiledVectorCallModels.InABranchGradient(camera, point, weight, Feature, gradient.AsSpan(0, 11), gradient.AsSpan(11, 3), out gradient[14]);
            double value = CompiledVectorCallModels.InABranchTangent(camera, point, weight, Feature, t[..11], t[11..14], t[14], out double tangent);
            Assert.Equal(CompiledVectorCallModels.InABranch(camera, point, weight, Feature), value);
            Assert.Equal(gradient.Zip(t, (g, d) => g * d).Sum(), tangent, 1e-9 * (1 + Math.Abs(tangent)));

            CompiledVectorCallModels.ReprojectionNormGradient(camera, point, weight, Feature, gradient.AsSpan(0, 11), gradient.AsSpan(11, 3), out gradient[14]);
            CompiledVectorCallModels.ReprojectionNormTangent(camera, point, weight, Feature, t[..11], t[11..14], t[14], out tangent);
            Assert.Equal(gradient.Zip(t, (g, d) => g * d).Sum(), tangent, 1e-9 * (1 + Math.Abs(tangent)));
        }

        // The vector caller's tangent is its Jacobian times the direction.
        var output = new double[3];
        var outputTangent = new double[3];
        CompiledVectorCallModels.ScaledResidualsTangent(camera, point, 0.8, Feature, output, t[..11], t[11..14], t[14], outputTangent);
        var jacobian = new double[45];
        CompiledVectorCallModels.ScaledResidualsJacobian(camera, point, 0.8, Feature, new double[3], jacobian);
        for (int i = 0; i < 3; i++)
        {
            double expected = Enumerable.Range(0, 15).Sum(k => jacobian[i * 15 + k] * t[k]);
            Assert.Equal(expected, outputTangent[i], 1e-9 * (1 + Math.Abs(expected)));
        }
    }

    [Theory]
    [MemberData(nameof(Cameras))]
    public void JacobianOfAVectorMethodBuiltOnTheCompiledOneMatchesCentralDifferences(double[] camera)
    {
        double[] point = { 0.3, 0.5, 2.0 };
        double[] x = camera.Concat(point).Append(0.8).ToArray();
        int n = x.Length;
        var output = new double[3];
        var jacobian = new double[3 * n];
        CompiledVectorCallModels.ScaledResidualsJacobian(camera, point, 0.8, Feature, output, jacobian);

        var expected = new double[3];
        CompiledVectorCallModels.ScaledResiduals(camera, point, 0.8, Feature, expected);
        Assert.Equal(expected, output);
        for (int k = 0; k < n; k++)
        {
            double step = 1e-6 * Math.Max(1.0, Math.Abs(x[k]));
            double[] plus = (double[])x.Clone(), minus = (double[])x.Clone();
            plus[k] += step;
            minus[k] -= step;
            var up = new double[3];
            var down = new double[3];
            CompiledVectorCallModels.ScaledResiduals(plus[..11], plus[11..14], plus[14], Feature, up);
            CompiledVectorCallModels.ScaledResiduals(minus[..11], minus[11..14], minus[14], Feature, down);
            for (int i = 0; i < 3; i++)
            {
                double central = (up[i] - down[i]) / (2 * step);
                Assert.True(Math.Abs(jacobian[i * n + k] - central) <= 1e-5 * (1 + Math.Abs(central)), $"J[{i},{k}] = {jacobian[i * n + k]:R}, central differences {central:R}");
            }
        }
    }

    private static void CheckGradient(Objective f, Gradient gradient, double[] camera, double weight)
    {
        double[] point = { 0.3, 0.5, 2.0 };
        double[] x = camera.Concat(point).Append(weight).ToArray();
        var g = new double[x.Length];
        double value = gradient(camera, point, weight, Feature, g.AsSpan(0, 11), g.AsSpan(11, 3), out g[14]);
        FiniteDifferences.CheckAt(q => f(q[..11], q[11..14], q[14], Feature), x, g, value);
    }
}
