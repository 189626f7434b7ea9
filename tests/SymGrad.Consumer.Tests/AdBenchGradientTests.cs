using System;
using System.IO;
using System.Linq;
using SymGrad.Models.AdBench;
using Xunit;
using Xunit.Abstractions;

namespace SymGrad.Consumer.Tests;

/// <summary>
/// ADBench's GMM and LSTM objectives written as plain [Differentiable(Tangent = true, Hessian = true)] C#: the value against
/// *_F_Manual.txt and the generated gradient against *_J_Manual.txt, with ADBench's metric
/// rho = |x - y| / max(1, |x| + |y|) &lt;= 1e-8 per entry (the smaller inputs; the benchmarks check them all).
/// </summary>
public class AdBenchGradientTests
{
    private readonly ITestOutputHelper output;

    public AdBenchGradientTests(ITestOutputHelper output) => this.output = output;

    private static string AdBench(params string[] parts)
    {
        string data = Path.GetDirectoryName(SharedData.PathOf("iris.csv"))!;
        return Path.Combine(new[] { Path.GetDirectoryName(data)!, "adbench" }.Concat(parts).ToArray());
    }

    [Theory]
    [InlineData("test", "test")]
    [InlineData("1k", "gmm_d2_K5")]
    [InlineData("1k", "gmm_d10_K10")]
    [InlineData("1k", "gmm_d20_K5")]
    public void GmmGradientMatchesAdBench(string folder, string name)
    {
        string input = folder == "test" ? AdBench("gmm", "test.txt") : AdBench("gmm", folder, name + ".txt");
        GmmInput gmm = GmmInput.Read(input);
        var golden = new GoldenFiles(AdBench("golden", "gmm", folder), name);
        double[] gradient = new double[gmm.ParameterCount];

        double value = gmm.Gradient(gradient);

        FiniteDifferences.AssertValue(gmm.Objective(), value);
        Assert.True(Rho.Of(value, golden.Objective()) <= 1e-8, $"objective {value:R} vs {golden.Objective():R}");
        double rho = Rho.Max(gradient, golden.Gradient());
        output.WriteLine($"{name}: {gradient.Length} gradient entries, max rho {rho:E2}");
        Assert.True(rho <= 1e-8, $"max rho {rho:E2}");
    }

    [Fact]
    public void LstmGradientMatchesAdBench()
    {
        LstmInput lstm = LstmInput.Read(AdBench("lstm", "lstm_l2_c1024.txt"));
        var golden = new GoldenFiles(AdBench("golden", "lstm"), "lstm_l2_c1024");
        double[] gradient = new double[lstm.ParameterCount];

        double value = lstm.Gradient(gradient);

        FiniteDifferences.AssertValue(lstm.Objective(), value);
        Assert.True(Rho.Of(value, golden.Objective()) <= 1e-8, $"objective {value:R} vs {golden.Objective():R}");
        double rho = Rho.Max(gradient, golden.Gradient());
        output.WriteLine($"lstm_l2_c1024: {gradient.Length} gradient entries, max rho {rho:E2}");
        Assert.True(rho <= 1e-8, $"max rho {rho:E2}");
    }
}
