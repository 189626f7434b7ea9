using System.Linq;
using Xunit;

namespace SymGrad.Consumer.Tests.Hardening;

/// <summary>Gradients of <see cref="FuzzFindingModels"/> against central finite differences.</summary>
public class FuzzFindingTests
{
    [Theory]
    [InlineData(0.7, -1.3)]
    [InlineData(-2.1, 0.4)]
    public void VerbatimKeywordLocalsDifferentiate(double x, double y)
    {
        double value = FuzzFindingModels.VerbatimLocalGradient(x, y, out double dx, out double dy);

        Assert.Equal(FuzzFindingModels.VerbatimLocal(x, y), value);
        GradientCheckReport report = GradientCheck.Compare(p => FuzzFindingModels.VerbatimLocal(p[0], p[1]), new[] { x, y }, new[] { dx, dy }, new GradientCheckOptions(Step: 1e-6, RelativeTolerance: 1e-6, AbsoluteTolerance: 1e-8));
        Assert.True(report.Passed, report.ToString());
    }

    [Fact]
    public void VerbatimCountersParametersAndTypesDifferentiate()
    {
        double[] a = { 0.3, -1.2, 0.8 };
        double[] da = new double[3];
        double value = FuzzFindingModels.VerbatimCounterGradient(a, 0.7, da, out double dx);
        Assert.Equal(FuzzFindingModels.VerbatimCounter(a, 0.7), value);
        AssertFiniteDifferences(p => FuzzFindingModels.VerbatimCounter(p[..3], p[3]), new[] { 0.3, -1.2, 0.8, 0.7 }, da.Append(dx).ToArray());

        value = FuzzFindingModels.VerbatimParameterGradient(1.4, -0.6, out double dClass, out double dy);
        Assert.Equal(FuzzFindingModels.VerbatimParameter(1.4, -0.6), value);
        AssertFiniteDifferences(p => FuzzFindingModels.VerbatimParameter(p[0], p[1]), new[] { 1.4, -0.6 }, new[] { dClass, dy });

        Assert.Equal(9.0, @checked.SquareGradient(3.0, out double dSquare));
        Assert.Equal(6.0, dSquare);
    }

    private static void AssertFiniteDifferences(System.Func<double[], double> f, double[] point, double[] analytic)
    {
        GradientCheckReport report = GradientCheck.Compare(f, point, analytic, new GradientCheckOptions(Step: 1e-6, RelativeTolerance: 1e-6, AbsoluteTolerance: 1e-8));
        Assert.True(report.Passed, report.ToString());
    }
}
