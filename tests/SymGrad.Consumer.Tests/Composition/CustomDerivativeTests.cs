using System.IO;
using System.Linq;
using Xunit;

namespace SymGrad.Consumer.Tests.Composition;

/// <summary>CustomDerivativeModels against central finite differences, and the generated code uses the custom derivatives.</summary>
public sealed class CustomDerivativeTests
{
    [Theory]
    [InlineData(0.6, 0.8)]
    [InlineData(-0.3, 1.4)]
    public void SameType(double x, double y) =>
        FiniteDifferences.Check(CustomDerivativeModels.SameType, CustomDerivativeModels.SameTypeGradient, (x, y));

    [Theory]
    [InlineData(0.6, -0.8)]
    [InlineData(2.5, 0.3)]
    public void OtherType(double x, double y) =>
        FiniteDifferences.Check(CustomDerivativeModels.OtherType, CustomDerivativeModels.OtherTypeGradient, (x, y));

    [Fact]
    public void ArrayParameterWithANoDerivativeArray()
    {
        double[] w = { 0.5, -1.2, 0.8 };
        double[] x = { 1.0, 2.0, 0.5 };
        var dw = new double[3];
        double value = CustomDerivativeModels.ArrayParameterGradient(w, x, 0.7, dw, out double db);
        FiniteDifferences.CheckAt(p => CustomDerivativeModels.ArrayParameter(p.Take(3).ToArray(), x, p[3]), w.Append(0.7).ToArray(), dw.Append(db).ToArray(), value);
    }

    [Fact]
    public void AConstantArgumentOfADifferentiatedParameter()
    {
        double[] w = { 0.5, -1.2, 0.8 };
        double[] v = { 1.0, 2.0, 0.5 };
        var dw = new double[3];
        double value = CustomDerivativeModels.ConstantArgumentGradient(0.4, w, v, out double dx, dw);
        FiniteDifferences.CheckAt(p => CustomDerivativeModels.ConstantArgument(p[0], p.Skip(1).ToArray(), v), w.Prepend(0.4).ToArray(), dw.Prepend(dx).ToArray(), value);
        Assert.Contains("out _", File.ReadAllText(Issue9.GeneratedFiles.Find("CustomDerivativeModels.ConstantArgument_")));
    }

    [Fact]
    public void TheGeneratedGradientsCallTheCustomDerivatives()
    {
        Assert.Contains("SoftClipGradient(", File.ReadAllText(Issue9.GeneratedFiles.Find("CustomDerivativeModels.SameType_")));
        Assert.Contains("LogCoshGradient(", File.ReadAllText(Issue9.GeneratedFiles.Find("CustomDerivativeModels.OtherType_")));
        Assert.Contains("WeightedNormGradient(", File.ReadAllText(Issue9.GeneratedFiles.Find("CustomDerivativeModels.ArrayParameter_")));
    }
}
