using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using SymGrad.Consumer.Tests.Composition;
using Xunit;
using Xunit.Abstractions;

namespace SymGrad.Consumer.Tests.SecondOrder;

/// <summary>
/// Issue 11's contracts over every <c>[Differentiable(Tangent = true, Hessian = true)]</c> method of
/// this assembly (loops with taped state, branches, calls, vector functions, the extremes):
/// <c>FTangent</c> equals the gradient dotted with the direction; <c>FHessianVectorProduct</c> equals
/// central differences of <c>FGradient</c> along the vector; <c>FHessian</c> is symmetric to rounding
/// and its columns are Hessian-vector products. Each returns the method's value as the gradient does: bit for bit, or
/// within 1e-12 relative where one sums a dot product with a vector kernel in its own order (the gradient's row tiles
/// with <c>Kernels.DotTile</c>, the tangent's loops with <c>Kernels.Dot</c>; docs/reliability.md). The gradient
/// itself is checked against finite differences by the other tests.
/// </summary>
public sealed class SecondOrderContractTests
{
    private readonly ITestOutputHelper log;

    public SecondOrderContractTests(ITestOutputHelper log) => this.log = log;

    [Fact]
    public void EveryTangentIsTheGradientDottedWithTheDirection()
    {
        int checkedMethods = 0;
        foreach (SecondOrderMethods methods in SecondOrderMethods.All().Where(m => m.Tangent is not null))
        {
            if (methods.Evaluate() is not { } point)
            {
                continue;
            }

            object?[] directions = point.Directions(seed: 11);
            object?[] call = point.Arguments.Concat(directions).Append(0.0).ToArray();
            double value = (double)SpanInvoker.Invoke(methods.Tangent!, call)!;
            double tangent = (double)call[^1]!;
            double[] t = ContractInputs.Flatten(directions);
            double expected = 0.0, scale = 0.0;
            for (int i = 0; i < t.Length; i++)
            {
                expected += point.Gradient[i] * t[i];
                scale += Math.Abs(point.Gradient[i] * t[i]);
            }

            Assert.True(SameValue(point.Value, value), $"{methods.Name}: value {value:R}, the gradient's {point.Value:R}");
            Assert.True(Math.Abs(tangent - expected) <= 1e-12 * (1 + scale), $"{methods.Name}: tangent {tangent:R}, gradient · t = {expected:R}");
            checkedMethods++;
        }

        log.WriteLine(checkedMethods + " tangents checked");
        Assert.True(checkedMethods >= 80, "only " + checkedMethods + " tangents could be checked");
    }

    [Fact]
    public void EveryHessianVectorProductIsTheDerivativeOfTheGradientAlongTheVector()
    {
        int checkedMethods = 0;
        foreach (SecondOrderMethods methods in SecondOrderMethods.All().Where(m => m.HessianVectorProduct is not null))
        {
            if (methods.Evaluate() is not { } point)
            {
                continue;
            }

            object?[] v = point.Directions(seed: 23);
            object?[] call = point.Arguments.Concat(v).Concat(point.Outputs(0.0)).ToArray();
            double value = (double)SpanInvoker.Invoke(methods.HessianVectorProduct!, call)!;
            double[] product = ContractInputs.Flatten(call.Skip(point.Arguments.Length + v.Length));

            const double Step = 1e-5;
            double[] plus = methods.GradientAt(point.Shifted(v, Step))!;
            double[] minus = methods.GradientAt(point.Shifted(v, -Step))!;
            Assert.True(SameValue(point.Value, value), $"{methods.Name}: value {value:R}, the gradient's {point.Value:R}");
            for (int i = 0; i < product.Length; i++)
            {
                double central = (plus[i] - minus[i]) / (2 * Step);
                double tolerance = 1e-5 * (1 + Math.Abs(central)) + 1e-8 * (Math.Abs(plus[i]) + Math.Abs(minus[i])) / Step;
                Assert.True(Math.Abs(product[i] - central) <= tolerance, $"{methods.Name}: (H v)[{i}] is {product[i]:R}, central differences of the gradient give {central:R}");
            }

            checkedMethods++;
        }

        log.WriteLine(checkedMethods + " Hessian-vector products checked");
        Assert.True(checkedMethods >= 80, "only " + checkedMethods + " Hessian-vector products could be checked");
    }

    [Fact]
    public void EveryHessianIsSymmetricAndItsColumnsAreHessianVectorProducts()
    {
        int checkedMethods = 0;
        foreach (SecondOrderMethods methods in SecondOrderMethods.All().Where(m => m.Hessian is not null))
        {
            if (methods.Evaluate() is not { } point)
            {
                continue;
            }

            int n = point.Gradient.Length;
            object?[] outputs = point.Outputs(0.0);
            var hessian = new double[n * n];
            object?[] call = point.Arguments.Concat(outputs).Append(hessian).ToArray();
            double value = (double)SpanInvoker.Invoke(methods.Hessian!, call)!;
            Assert.Equal(point.Value, value);
            Assert.Equal(point.Gradient, ContractInputs.Flatten(outputs));
            for (int i = 0; i < n; i++)
            {
                for (int j = 0; j < i; j++)
                {
                    double scale = 1 + Math.Abs(hessian[i * n + j]) + Math.Abs(hessian[j * n + i]);
                    Assert.True(Math.Abs(hessian[i * n + j] - hessian[j * n + i]) <= 1e-9 * scale, $"{methods.Name}: H[{i},{j}] = {hessian[i * n + j]:R} but H[{j},{i}] = {hessian[j * n + i]:R}");
                }
            }

            for (int column = 0; column < n; column++)
            {
                object?[] unit = point.UnitDirection(column);
                object?[] productCall = point.Arguments.Concat(unit).Concat(point.Outputs(0.0)).ToArray();
                SpanInvoker.Invoke(methods.HessianVectorProduct!, productCall);
                double[] product = ContractInputs.Flatten(productCall.Skip(point.Arguments.Length + unit.Length));
                for (int row = 0; row < n; row++)
                {
                    Assert.Equal(product[row], hessian[column * n + row]);
                }
            }

            checkedMethods++;
        }

        log.WriteLine(checkedMethods + " Hessians checked");
        Assert.True(checkedMethods >= 80, "only " + checkedMethods + " Hessians could be checked");
    }

    [Fact]
    public void WrongLengthsAreRejectedWithClearMessages()
    {
        double[] w = { 0.1, -0.2 };
        double[] x = { 1.0, 2.0, 0.5, -1.0 };
        double[] y = { 1.0, 0.0 };
        var hessian = new double[3];
        var dw = new double[2];
        ArgumentException wrongHessian = Assert.Throws<ArgumentException>(() => SecondOrderModels.LogisticHessian(w, x, y, dw, hessian));
        Assert.Contains("n * n = 4", wrongHessian.Message);
        ArgumentException wrongDirection = Assert.Throws<ArgumentException>(() => SecondOrderModels.LogisticHessianVectorProduct(w, x, y, new double[3], new double[2]));
        Assert.Contains("'vw' must have the length of 'w' (2), not 3", wrongDirection.Message);
        ArgumentException wrongTangent = Assert.Throws<ArgumentException>(() => SecondOrderModels.LogisticTangent(w, x, y, new double[1], out _));
        Assert.Contains("'tw' must have the length of 'w'", wrongTangent.Message);
        ArgumentException aliased = Assert.Throws<ArgumentException>(() => SecondOrderModels.LogisticHessianVectorProduct(w, x, y, w, w));
        Assert.Contains("hvw", aliased.Message);
    }

    /// <summary>The value bit for bit, or within 1e-12 relative (the dot products' kernels sum in different orders).</summary>
    private static bool SameValue(double gradients, double value) =>
        gradients.Equals(value) || Math.Abs(gradients - value) <= 1e-12 * Math.Abs(gradients);
}
