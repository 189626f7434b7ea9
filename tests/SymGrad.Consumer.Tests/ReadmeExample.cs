using System;
using SymGrad;
using Xunit;

namespace SymGrad.Consumer.Tests;

/// <summary>The README's example, compiled and checked as written.</summary>
public static partial class ReadmeModel
{
    [Differentiable]
    public static double Loss(double w, double b, [NoDerivative] double x, [NoDerivative] double y) =>
        Math.Pow(SymMath.Sigmoid(w * x + b) - y, 2);
}

public class ReadmeExample
{
    [Fact]
    public void TheReadmeExampleWorksAsWritten()
    {
        double loss = ReadmeModel.LossGradient(0.5, 0.1, 2.0, 1.0, out double dw, out double db);

        double h = SymMath.Sigmoid(0.5 * 2.0 + 0.1);
        Assert.Equal((h - 1.0) * (h - 1.0), loss, 15);
        Assert.Equal(2 * (h - 1.0) * h * (1 - h) * 2.0, dw, 12);
        Assert.Equal(2 * (h - 1.0) * h * (1 - h), db, 12);
    }
}
