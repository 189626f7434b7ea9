using System;
using Xunit;
using M = SymGrad.Consumer.Tests.Issue9.OverloadClashModels;

namespace SymGrad.Consumer.Tests.Issue9;

/// <summary>Each call shape of <see cref="OverloadClashModels"/> has the gradient of the method C# calls for it.</summary>
public class OverloadClashTests
{
    [Fact]
    public void TheShortCallShapeBelongsToTheMethodWithoutOptionalParameters()
    {
        // C# resolves F(x) to F(double x), and FGradient(x, out dx) to its gradient.
        Assert.Equal(M.F(1.5), M.FGradient(1.5, out double dx));
        Assert.Equal(3.0, dx, 12);
        Assert.Equal(M.G(0.4), M.GGradient(0.4, out double dg));
        Assert.Equal(-Math.Sin(0.4), dg, 12);
    }

    [Fact]
    public void TheLongCallShapesKeepTheirGradients()
    {
        Assert.Equal(M.F(1.5, 3), M.FGradient(1.5, 3, out double dx));
        Assert.Equal(3 * 1.5 * 1.5, dx, 12);
        Assert.Equal(M.G(0.4, 2.0), M.GGradient(0.4, 2.0, out double dg));
        Assert.Equal(2.0 * Math.Cos(0.4), dg, 12);
    }
}
