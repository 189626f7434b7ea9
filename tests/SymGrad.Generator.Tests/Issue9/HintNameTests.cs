using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using System.Text;
using SymGrad.Generator.Emission;
using SymGrad.Generator.Lowering;
using SymGrad.Generator.Tests.Infrastructure;
using Xunit;

namespace SymGrad.Generator.Tests.Issue9;

/// <summary>
/// Issue 9, item 9: two declarations that map to one hint name made the generator throw (CS8785),
/// and every gradient of the project vanished. Hint names are now unique for every input.
/// </summary>
public class HintNameTests
{
    [Fact]
    public void TwoIdenticalDeclarationsDoNotDropTheOtherGradients()
    {
        const string source = """
            using SymGrad;
            public static partial class M
            {
                [Differentiable] public static double G(double x) => x * 2;
                [Differentiable] public static double G(double x) => x * 2;
                [Differentiable] public static double H(double x) => x * x;
            }
            """;

        GeneratorRun run = GeneratorHarness.Run(source);

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Contains(run.Generated, g => g.Source.Contains("HGradient", StringComparison.Ordinal));
        Assert.Contains(run.Generated, g => g.Source.Contains("GGradient", StringComparison.Ordinal));
        // The user's CS0111 remains the only error.
        Assert.All(run.OutputProblems, d => Assert.Equal("CS0111", d.Id));
    }

    public static TheoryData<string, int> Colliding() => new()
    {
        // A nested type and a type whose name holds the separator: both 'A.B_C.F_double' once sanitised.
        { "public static partial class A { public static partial class B<C> { [Differentiable] public static double F(double x) => x * x; } }\n"
          + "public static partial class A { public static partial class B_C_ { [Differentiable] public static double F(double x) => x * x * x; } }", 2 },
        // Hint names are compared ignoring case.
        { "public static partial class M { [Differentiable] public static double F(double x) => x * x; }\n"
          + "public static partial class m { [Differentiable] public static double F(double x) => x * x * x; }", 2 },
        // A generic type and a type whose name is its display name sanitised.
        { "public static partial class K<T> { [Differentiable] public static double F(double x) => x * x; }\n"
          + "public static partial class K_T_ { [Differentiable] public static double F(double x) => x * x * x; }\n"
          + "public static partial class K_T__2 { [Differentiable] public static double F(double x) => x + x; }", 3 },
        // Overloads.
        { "public static partial class M { [Differentiable] public static double F(double x) => x * x;\n"
          + "[Differentiable] public static double F(double[] x) => x[0] * x[1];\n"
          + "[Differentiable] public static double F(ReadOnlySpan<double> x) => x[0];\n"
          + "[Differentiable] public static double F(double x, double y) => x * y; }", 4 },
    };

    [Theory]
    [MemberData(nameof(Colliding))]
    public void DeclarationsWithCollidingHintNamesAreAllGenerated(string declarations, int expected)
    {
        GeneratorRun run = GeneratorHarness.Run("using System;\nusing SymGrad;\n" + declarations);

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.OutputProblems);
        Assert.Equal(expected, run.Generated.Count);
        Assert.Equal(expected, run.Generated.Select(g => g.HintName.ToUpperInvariant()).Distinct().Count());
    }

    [Fact]
    public void ClaimedNamesAreNumberedBeforeTheExtension()
    {
        var names = new UniqueHintNames();
        Assert.Equal("M.F_double.SymGrad.g.cs", names.Claim("M.F_double.SymGrad.g.cs"));
        Assert.Equal("M.F_double_2.SymGrad.g.cs", names.Claim("M.F_double.SymGrad.g.cs"));
        Assert.Equal("m.f_double_3.SymGrad.g.cs", names.Claim("m.f_double.SymGrad.g.cs"));
        Assert.Equal("M.F_double_2_2.SymGrad.g.cs", names.Claim("M.F_double_2.SymGrad.g.cs"));
    }

    /// <summary>
    /// A method with many parameters once had a hint name of 400 characters: a build that writes its generated files
    /// (<c>EmitCompilerGeneratedFiles</c>) failed with CS0016, the path too long for the file system. Long names keep
    /// their start and end in a hash of the whole name, within <see cref="HintNames.MostBytes"/> UTF-8 bytes.
    /// </summary>
    [Fact]
    public void LongNamesAreShortenedWithAHashThatTellsOverloadsApart()
    {
        string arrays = string.Join(", ", Enumerable.Range(0, 30).Select(q => "double[] a" + q));
        string source = "using System;\nusing SymGrad;\npublic static partial class Models\n{\n"
            + "    [Differentiable] public static double Many(" + arrays + ", double b) => a0[0] * b;\n"
            + "    [Differentiable] public static double Many(" + arrays + ", double b, double c) => a0[0] * c;\n"
            + "    [Differentiable] public static double Few(double[] a, double b) => a[0] * b;\n}";

        GeneratorRun run = GeneratorHarness.Run(source);

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.OutputProblems);
        string[] names = run.Generated.Select(g => g.HintName).ToArray();
        Assert.Equal(3, names.Length);
        Assert.Contains("Models.Few_doubleArray_double.SymGrad.g.cs", names);
        string[] many = names.Where(n => n.StartsWith("Models.Many_doubleArray_doubleArray_", StringComparison.Ordinal)).ToArray();
        Assert.Equal(2, many.Length);
        Assert.NotEqual(many[0], many[1]);
        Assert.All(many, n =>
        {
            Assert.True(Encoding.UTF8.GetByteCount(n) <= HintNames.MostBytes, n);
            Assert.Matches("_[0-9a-f]{8}\\.SymGrad\\.g\\.cs$", n);
        });
    }

    [Fact]
    public void ShortenedNamesCountBytesNotCharacters()
    {
        // 150 Greek letters are 300 UTF-8 bytes: the name is cut by bytes, not at 200 characters.
        string greek = new('\u03b1', 150);
        string name = HintNames.FromParts("T." + greek);
        Assert.True(Encoding.UTF8.GetByteCount(name) <= HintNames.MostBytes, name);
        Assert.StartsWith("T.\u03b1\u03b1", name, StringComparison.Ordinal);
        Assert.Equal(HintNames.FromParts("T." + greek), name);
        Assert.NotEqual(HintNames.FromParts("T." + greek + "x"), name);
        Assert.Equal("T.F_double.SymGrad.g.cs", HintNames.FromParts("T.F_double"));
        string exactlyAtTheLimit = new('a', HintNames.MostBytes - ".SymGrad.g.cs".Length);
        Assert.Equal(exactlyAtTheLimit + ".SymGrad.g.cs", HintNames.FromParts(exactlyAtTheLimit));
        Assert.Matches("_[0-9a-f]{8}\\.SymGrad\\.g\\.cs$", HintNames.FromParts(exactlyAtTheLimit + "a"));
    }
}
