using Xunit;

namespace SymGrad.Runtime.Tests;

/// <summary>A dense Hessian's guarded blocks run when any lane's tangent is not 0; a NaN counts as not 0, a negative zero as 0.</summary>
public class TangentLanesTests
{
    [Theory]
    [InlineData(new double[0], false)]
    [InlineData(new[] { 0.0, -0.0, 0.0 }, false)]
    [InlineData(new[] { 0.0, 0.0, 1e-310 }, true)]
    [InlineData(new[] { double.NaN, 0.0 }, true)]
    [InlineData(new[] { 0.0, double.NegativeInfinity }, true)]
    public void AnyNonZeroIsWhetherALaneIsNotZero(double[] lanes, bool expected)
    {
        Assert.Equal(expected, TangentLanes.AnyNonZero(lanes));
        float[] single = System.Array.ConvertAll(lanes, v => (float)v);
        bool singleExpected = System.Array.Exists(single, v => v != 0f);
        Assert.Equal(singleExpected, TangentLanes.AnyNonZero(single));
    }
}
