using System;
using System.IO;
using System.Linq;
using System.Reflection;
using SymGrad.Generator.Lowering;
using SymGrad.Generator.Tests.Infrastructure;
using Xunit;

namespace SymGrad.Generator.Tests.Composition;

/// <summary>
/// A call to a [Differentiable] method of the same compilation is inlined; with inlining off it goes
/// through the callee's pullback. Both must give the same values and gradients (issue 10: "the result
/// must be the same"), here on the consumer tests' call models, which those tests check by finite
/// differences with inlining on.
/// </summary>
public class InliningEquivalenceTests
{
    private const string Driver = @"
public static class Driver
{
    private static readonly double[] W = { 0.4, -0.7, 1.1, 0.25, -0.3 };

    public static double[] Run(double x, double y)
    {
        var r = new System.Collections.Generic.List<double>();
        r.Add(CallModels.TwoSquaresGradient(x, y, out double a1, out double a2)); r.Add(a1); r.Add(a2);
        r.Add(CallModels.InBranchesGradient(x, y, out double b1, out double b2)); r.Add(b1); r.Add(b2);
        r.Add(CallModels.Level1Gradient(x, y, out double c1, out double c2)); r.Add(c1); r.Add(c2);
        var dw = new double[W.Length];
        r.Add(CallModels.LayerSumGradient(W, x, dw, out double d1)); r.Add(d1); r.AddRange(dw);
        r.Add(CallModels.RecurrenceGradient(W, x, dw, out double e1)); r.Add(e1); r.AddRange(dw);
        r.Add(CallModels.LocalArrayArgumentGradient(W, x, dw, out double f1)); r.Add(f1); r.AddRange(dw);
        r.Add(CallModels.ConstantCallsGradient(W, y * y, dw)); r.AddRange(dw);
        r.Add(CallModels.SameArrayTwiceGradient(W, dw)); r.AddRange(dw);
        return r.ToArray();
    }
}";

    [Theory]
    [InlineData(0.7, -1.3)]
    [InlineData(1.5, 0.3)]
    [InlineData(-0.6, 0.1)]
    public void InlinedCallsAndPullbackCallsAgree(double x, double y)
    {
        double[] inlined = Run(CallModelsSource(), inlining: true, x, y);
        double[] pulled = Run(CallModelsSource(), inlining: false, x, y);

        Assert.Equal(inlined.Length, pulled.Length);
        for (int i = 0; i < inlined.Length; i++)
        {
            Assert.True(Math.Abs(inlined[i] - pulled[i]) <= 1e-12 * (1 + Math.Abs(inlined[i])), $"entry {i}: inlined {inlined[i]}, pullback {pulled[i]}");
        }
    }

    [Fact]
    public void WithInliningOffTheCallerCallsThePullback()
    {
        GeneratorRun run = RunGenerator(CallModelsSource(), inlining: false);
        string layerSum = run.Generated.Single(g => g.HintName.Contains("LayerSum", StringComparison.Ordinal)).Source;
        Assert.Contains("global::SymGrad.Consumer.Tests.Composition.CallModels.UnitPullback(", layerSum);

        GeneratorRun inlined = RunGenerator(CallModelsSource(), inlining: true);
        string pasted = inlined.Generated.Single(g => g.HintName.Contains("LayerSum", StringComparison.Ordinal)).Source;
        Assert.DoesNotContain("UnitPullback(", pasted);
        Assert.Contains("of Unit: ", pasted);
    }

    private static double[] Run(string source, bool inlining, double x, double y)
    {
        GeneratorRun run = RunGenerator(source, inlining);
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.DoesNotContain(run.OutputProblems, p => p.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error);
        Assembly assembly = run.Load();
        MethodInfo driver = assembly.GetTypes().Single(t => t.Name == "Driver").GetMethod("Run")!;
        return (double[])driver.Invoke(null, new object[] { x, y })!;
    }

    private static GeneratorRun RunGenerator(string source, bool inlining)
    {
        BodyLowerer.InliningDisabled = !inlining;
        try
        {
            return GeneratorHarness.Run(source, "using SymGrad.Consumer.Tests.Composition;\n" + Driver);
        }
        finally
        {
            BodyLowerer.InliningDisabled = false;
        }
    }

    /// <summary>The consumer tests' models, without the method that needs the SymGrad.Models assembly.</summary>
    private static string CallModelsSource()
    {
        string path = Path.Combine(RepositoryRoot(), "tests", "SymGrad.Consumer.Tests", "Composition", "CallModels.cs");
        // With inlining off a call goes through a compiled pullback, which has no second-order code (SYMGRAD0023):
        // the Hessian is asked for only where calls are inlined; the tangent works either way.
        string source = File.ReadAllText(path).Replace("using SymGrad.Models;", string.Empty).Replace(", Hessian = true", string.Empty);
        int start = source.IndexOf("    /// <summary>Callees from a referenced assembly", StringComparison.Ordinal);
        int end = source.IndexOf("    /// <summary>Calls whose arguments carry no derivative", StringComparison.Ordinal);
        return source.Remove(start, end - start);
    }

    private static string RepositoryRoot()
    {
        string directory = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(directory, "SymGrad.sln")))
        {
            directory = Path.GetDirectoryName(directory)!;
        }

        return directory;
    }
}
