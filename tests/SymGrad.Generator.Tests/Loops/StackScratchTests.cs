using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Emit;
using SymGrad.Generator.Tests.Infrastructure;
using Xunit;

namespace SymGrad.Generator.Tests.Loops;

/// <summary>
/// Small scratch spans on the stack (src/Generator/Emission/StackScratch.cs): a gradient's local arrays and adjoints of
/// at most 64 elements are <c>stackalloc</c>ed at the method's top level, zeroed by the runtime where the method zeroes
/// its locals and cleared by the generated code under <c>[SkipLocalsInit]</c>; longer ones are rented as before. The
/// gradients run after a call that leaves NaNs where their frame will be, and match central differences on both sides
/// of the 64-element limit.
/// </summary>
public class StackScratchTests
{
    /// <summary>A local array read before it is written (<c>z[i] += ...</c>): stale stack memory would show in the value and the gradient.</summary>
    private const string Model = """
        [Differentiable]
        public static double F(double[] w, int k)
        {
            double[] z = new double[k];
            for (int i = 0; i < k; i++)
            {
                z[i] += w[i] * w[i];
            }

            double total = 0.0;
            for (int i = 0; i < k; i++)
            {
                total += Math.Exp(0.5 * z[i]);
            }

            return total;
        }

        /// <summary>Fills a stack region of 64 KB with NaN, then returns: the next call at this depth finds it there.</summary>
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
        [System.Runtime.CompilerServices.SkipLocalsInit]
        private static void Dirty()
        {
            Span<double> junk = stackalloc double[8192];
            junk.Fill(double.NaN);
            Sink = junk[0] + junk[8191];
        }

        public static double Sink;

        public static double Value(double[] w, int k)
        {
            Dirty();
            return F(w, k);
        }

        public static double Gradient(double[] w, int k, double[] dw)
        {
            Dirty();
            return FGradient(w, k, dw);
        }
        """;

    [Fact]
    public void SmallScratchIsOnTheStackAndZeroedByTheRuntime()
    {
        string source = Generate(skipLocalsInit: false);

        Assert.Contains("double[]? zBuffer = (uint)k > 64u ? global::SymGrad.ScratchPool<double>.Rent(k) : null;", source, StringComparison.Ordinal);
        Assert.Contains("global::System.Span<double> z = zBuffer is null ? stackalloc double[k] : global::SymGrad.ScratchPool<double>.Cleared(zBuffer, k);", source, StringComparison.Ordinal);
        Assert.DoesNotContain("z.Clear();", source, StringComparison.Ordinal);
        Assert.Contains("global::SymGrad.ScratchPool<double>.ReturnRented(zBuffer);", source, StringComparison.Ordinal);
    }

    [Fact]
    public void UnderSkipLocalsInitTheGeneratedCodeClearsTheStack()
    {
        string source = Generate(skipLocalsInit: true);

        Assert.Contains("global::System.Span<double> z = zBuffer is null ? stackalloc double[k] : new global::System.Span<double>(zBuffer, 0, k);", source, StringComparison.Ordinal);
        Assert.Contains("z.Clear();", source, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void GradientsOverDirtyStackMatchCentralDifferences(bool skipLocalsInit)
    {
        Type model = Load(skipLocalsInit);
        var value = model.GetMethod("Value")!.CreateDelegate<Func<double[], int, double>>();
        var gradient = model.GetMethod("Gradient")!.CreateDelegate<Func<double[], int, double[], double>>();
        foreach (int k in new[] { 0, 1, 3, 64, 65, 130 })
        {
            double[] w = Enumerable.Range(0, k + 2).Select(i => 0.3 * Math.Sin(i + 1.0)).ToArray();
            for (int call = 0; call < 3; call++)
            {
                var dw = new double[w.Length];
                double result = gradient(w, k, dw);
                Assert.Equal(value(w, k), result, 12);
                for (int i = 0; i < w.Length; i++)
                {
                    double step = 1e-6;
                    double[] plus = (double[])w.Clone(), minus = (double[])w.Clone();
                    plus[i] += step;
                    minus[i] -= step;
                    double central = (value(plus, k) - value(minus, k)) / (2 * step);
                    Assert.True(Math.Abs(central - dw[i]) <= 1e-7 * (1 + Math.Abs(central)), $"k = {k}, call {call}, dw[{i}] = {dw[i]} against {central}");
                }
            }
        }
    }

    [Fact]
    public void ANegativeLengthThrowsAsBeforeInsteadOfTakingTheStack()
    {
        // stackalloc reads its count unsigned: -1 would be 32 GB of stack and end the process. The length is compared
        // unsigned, so a negative one goes to Rent, which throws.
        Type model = Load(skipLocalsInit: false);
        var gradient = model.GetMethod("Gradient")!.CreateDelegate<Func<double[], int, double[], double>>();
        Assert.Throws<ArgumentOutOfRangeException>(() => gradient(new double[3], -1, new double[3]));
        Assert.Throws<ArgumentOutOfRangeException>(() => gradient(new double[3], int.MinValue, new double[3]));
    }

    [Theory]
    [InlineData("[module: System.Runtime.CompilerServices.SkipLocalsInit]\n", "public static partial class Model\n{\n", "}\n")]
    [InlineData("", "[System.Runtime.CompilerServices.SkipLocalsInit]\npublic static partial class Outer\n{\npublic static partial class Model\n{\n", "}\n}\n")]
    public void SkipLocalsInitOnTheModuleOrAnOuterTypeIsSeen(string module, string open, string close)
    {
        string source = "using System;\nusing SymGrad;\n" + module + "\nnamespace StackScratchModels;\n\n" + open + Model + "\n" + close;
        CSharpCompilation compilation = GeneratorHarness.Compile(source);
        GeneratorRun run = GeneratorHarness.Run(compilation.WithOptions(compilation.Options.WithAllowUnsafe(true)), GeneratorHarness.CreateDriver());
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.OutputProblems);
        string generated = run.Generated.Single().Source;

        Assert.Contains("global::System.Span<double> z = zBuffer is null ? stackalloc double[k] : new global::System.Span<double>(zBuffer, 0, k);", generated, StringComparison.Ordinal);
        Assert.Contains("z.Clear();", generated, StringComparison.Ordinal);
    }

    [Fact]
    public void AMethodPutsAtMostSixteenSpansOnTheStackAndRentsTheRest()
    {
        // Twelve local arrays and their twelve adjoints: sixteen on the stack (8 KB of double), the other eight rented and
        // returned with Return; the gradient matches central differences with every span on the stack or rented.
        const int arrays = 12;
        var body = new System.Text.StringBuilder("[Differentiable]\npublic static double G(double[] w, int k)\n{\n    double total = 0.0;\n");
        for (int a = 0; a < arrays; a++)
        {
            body.Append($"    double[] z{a} = new double[k];\n    for (int i = 0; i < k; i++)\n    {{\n        z{a}[i] += w[i] * {a + 1}.0;\n    }}\n\n");
        }

        for (int a = 0; a < arrays; a++)
        {
            body.Append($"    for (int i = 0; i < k; i++)\n    {{\n        total += Math.Sin(z{a}[i]);\n    }}\n\n");
        }

        body.Append("    return total;\n}\n\npublic static double Value(double[] w, int k) => G(w, k);\n\npublic static double Gradient(double[] w, int k, double[] dw) => GGradient(w, k, dw);\n");
        GeneratorRun run = GeneratorHarness.RunMembers("StackScratchBudget", body.ToString());
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.OutputProblems);
        string generated = run.Generated.Single().Source;
        string gradientMethod = generated[..generated.IndexOf("public static double GPullback", StringComparison.Ordinal)];
        Assert.Equal(StackScratchLimit, Count(gradientMethod, "stackalloc double["));
        Assert.Equal(StackScratchLimit, Count(gradientMethod, ".ReturnRented("));
        Assert.Equal(2 * arrays - StackScratchLimit, Count(gradientMethod, "Buffer = global::SymGrad.ScratchPool<double>.Rent(k);"));

        Type model = LoadFrom(run, "StackScratchBudget.Model");
        var value = model.GetMethod("Value")!.CreateDelegate<Func<double[], int, double>>();
        var gradient = model.GetMethod("Gradient")!.CreateDelegate<Func<double[], int, double[], double>>();
        foreach (int k in new[] { 3, 100 })
        {
            double[] w = Enumerable.Range(0, k).Select(i => 0.1 * Math.Cos(i)).ToArray();
            for (int call = 0; call < 2; call++)
            {
                var dw = new double[k];
                gradient(w, k, dw);
                for (int i = 0; i < k; i++)
                {
                    double[] plus = (double[])w.Clone(), minus = (double[])w.Clone();
                    plus[i] += 1e-6;
                    minus[i] -= 1e-6;
                    double central = (value(plus, k) - value(minus, k)) / 2e-6;
                    Assert.True(Math.Abs(central - dw[i]) <= 1e-6 * (1 + Math.Abs(central)), $"k = {k}, dw[{i}] = {dw[i]} against {central}");
                }
            }
        }
    }

    private const int StackScratchLimit = 16;

    private static int Count(string text, string part)
    {
        int count = 0;
        for (int at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    private static string Source(bool skipLocalsInit) =>
        "using System;\nusing SymGrad;\n\nnamespace StackScratchModels;\n\n"
        + (skipLocalsInit ? "[System.Runtime.CompilerServices.SkipLocalsInit]\n" : string.Empty)
        + "public static partial class Model\n{\n" + Model + "\n}\n";

    private static CSharpCompilation Compilation(bool skipLocalsInit)
    {
        CSharpCompilation compilation = GeneratorHarness.Compile(Source(skipLocalsInit));
        return compilation.WithOptions(compilation.Options.WithAllowUnsafe(true));
    }

    private static string Generate(bool skipLocalsInit)
    {
        GeneratorRun run = GeneratorHarness.Run(Compilation(skipLocalsInit), GeneratorHarness.CreateDriver());
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.OutputProblems);
        return run.Generated.Single().Source;
    }

    private static Type Load(bool skipLocalsInit) =>
        LoadFrom(GeneratorHarness.Run(Compilation(skipLocalsInit), GeneratorHarness.CreateDriver()), "StackScratchModels.Model");

    private static Type LoadFrom(GeneratorRun run, string typeName)
    {
        using var image = new MemoryStream();
        EmitResult emitted = run.Output.Emit(image);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
        image.Position = 0;
        Assembly assembly = new AssemblyLoadContext("symgrad-stack-scratch-" + Guid.NewGuid().ToString("N"), isCollectible: true).LoadFromStream(image);
        return assembly.GetType(typeName)!;
    }
}
