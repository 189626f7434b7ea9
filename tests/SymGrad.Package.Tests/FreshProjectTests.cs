using System;
using System.Globalization;
using System.IO;
using System.Linq;
using SymGrad.Package.Tests.Infrastructure;
using Xunit;

namespace SymGrad.Package.Tests;

/// <summary>
/// A user's first steps, as the README's quick start gives them: a new console project, `dotnet add package SymGrad`
/// from a local folder, a [Differentiable] model with a loop and calls of Math and SymMath functions, build, run. The
/// gradient the packaged generator wrote is checked against central finite differences of this file's own copy of
/// the model. (Calls between [Differentiable] methods are not supported yet; the model calls library functions.)
/// </summary>
[Collection(LocalFeedCollection.Name)]
public sealed class FreshProjectTests
{
    internal const string ModelSource = """
        using System;
        using SymGrad;

        public static partial class Model
        {
            /// <summary>Squared error of a logistic unit plus a smooth penalty on the weights.</summary>
            [Differentiable]
            public static double Loss(double[] w, double b, [NoDerivative] double[] x, [NoDerivative] double y)
            {
                double z = b;
                for (int i = 0; i < w.Length; i++)
                {
                    z += w[i] * x[i];
                }

                double penalty = 0;
                foreach (double wi in w)
                {
                    penalty += Math.Log(1 + wi * wi);
                }

                return Math.Pow(SymMath.Sigmoid(z) - y, 2) + 0.1 * penalty;
            }
        }
        """;

    internal const string ProgramSource = """
        using System;
        using System.CodeDom.Compiler;
        using System.Globalization;
        using System.Reflection;

        double[] w = { 0.3, -0.7, 1.1 };
        double[] x = { 0.5, -1.25, 2.0 };
        double[] dw = new double[w.Length];
        double value = Model.LossGradient(w, -0.2, x, 1.0, dw, out double db);
        string version = typeof(Model).GetMethod("LossGradient")!.GetCustomAttribute<GeneratedCodeAttribute>()!.Version!;
        Console.WriteLine(string.Join(" ", new[] { value, dw[0], dw[1], dw[2], db }.Select(v => v.ToString("R", CultureInfo.InvariantCulture))));
        Console.WriteLine("generated-by " + version);
        """;

    private readonly LocalFeed feed;

    public FreshProjectTests(LocalFeed feed) => this.feed = feed;

    [Fact]
    public void AFreshProjectRestoresThePackageAndItsGradientMatchesFiniteDifferences()
    {
        string folder = NewConsoleProject("Fresh");
        File.WriteAllText(Path.Combine(folder, "App", "Model.cs"), ModelSource);
        File.WriteAllText(Path.Combine(folder, "App", "Program.cs"), "using System.Linq;\n" + ProgramSource);

        DotNet.Succeed(Path.Combine(folder, "App"), "build -c Release");
        CommandResult run = DotNet.Succeed(Path.Combine(folder, "App"), "run -c Release --no-build");

        string[] lines = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        AssertGradientMatchesFiniteDifferences(lines[0]);
        Assert.Equal("generated-by " + BuildInfo.Version, lines[1]);
    }

    [Fact]
    public void ThePackagedAnalyzerReportsMisuseAtTheSource()
    {
        string folder = NewConsoleProject("Misuse");
        File.WriteAllText(Path.Combine(folder, "App", "Program.cs"), """
            using SymGrad;
            System.Console.WriteLine(Model.Square(2));
            public static class Model
            {
                [Differentiable]
                public static double Square(double x) => x * x;
            }
            """);

        CommandResult build = DotNet.Run(Path.Combine(folder, "App"), "build -c Release");

        Assert.NotEqual(0, build.ExitCode);
        Assert.Contains("Program.cs(3,21): error SYMGRAD0002", build.Output);
        Assert.Contains(BuildInfo.RepositoryUrl + "/blob/main/docs/diagnostics/SYMGRAD0002.md", build.Output);
        Assert.DoesNotContain(".g.cs", build.Output);
    }

    private string NewConsoleProject(string name) => feed.NewConsoleProject(name);

    /// <summary>
    /// Checks a line "value dw0 dw1 dw2 db" printed by <see cref="ProgramSource"/>'s first statements against this file's
    /// own copy of the model and its central finite differences.
    /// </summary>
    internal static void AssertGradientMatchesFiniteDifferences(string line)
    {
        double[] printed = line.Split(' ').Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        double[] w = { 0.3, -0.7, 1.1 };
        double[] x = { 0.5, -1.25, 2.0 };
        const double b = -0.2, y = 1.0;
        Assert.Equal(Loss(w, b, x, y), printed[0], 12);

        for (int i = 0; i < w.Length; i++)
        {
            double expected = CentralDifference(h => Loss(w.Select((v, j) => j == i ? v + h : v).ToArray(), b, x, y));
            Assert.True(Math.Abs(printed[1 + i] - expected) < 1e-7, $"dw[{i}] = {printed[1 + i]}, finite differences give {expected}");
        }

        double expectedDb = CentralDifference(h => Loss(w, b + h, x, y));
        Assert.True(Math.Abs(printed[4] - expectedDb) < 1e-7, $"db = {printed[4]}, finite differences give {expectedDb}");
    }

    /// <summary>This file's own copy of the model, for finite differences independent of the generated code.</summary>
    internal static double Loss(double[] w, double b, double[] x, double y)
    {
        double z = b;
        for (int i = 0; i < w.Length; i++)
        {
            z += w[i] * x[i];
        }

        double penalty = w.Sum(wi => Math.Log(1 + wi * wi));
        double sigmoid = 1 / (1 + Math.Exp(-z));
        return Math.Pow(sigmoid - y, 2) + 0.1 * penalty;
    }

    private static double CentralDifference(Func<double, double> f)
    {
        const double h = 1e-6;
        return (f(h) - f(-h)) / (2 * h);
    }
}
