using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using SymGrad.Generator.Tests.Infrastructure;
using Xunit;

namespace SymGrad.Generator.Tests.Hardening;

/// <summary>
/// The generated files are byte-identical across runs, across the thread's culture (numbers and
/// names must not follow de-DE's decimal comma, tr-TR's dotted capital I or ar-SA's digits and
/// minus sign), across the order of the files in the compilation, and deterministic builds of the
/// output are byte-identical. Over 100 methods of the seed, test and sample models.
/// </summary>
public class DeterminismTests
{
    private static readonly string[] Sources = ScaleCompilation.Sources(100);

    private static readonly Lazy<IReadOnlyList<(string HintName, string Source)>> Baseline = new(() => InCulture(CultureInfo.InvariantCulture, () => Generate(Sources)));

    [Fact]
    public void TheModelsGenerateCleanCode()
    {
        GeneratorRun run = GeneratorHarness.Run(Sources);

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.OutputProblems);
        Assert.Equal(100, run.Generated.Count);
    }

    [Fact]
    public void RepeatedRunsAreByteIdentical() => AssertSameFiles(Baseline.Value, Generate(Sources));

    [Theory]
    [InlineData("de-DE")]
    [InlineData("tr-TR")]
    [InlineData("ar-SA")]
    [InlineData("")]
    public void EveryCultureGeneratesTheSameBytes(string name)
    {
        var culture = CultureInfo.GetCultureInfo(name);
        // Guards against a runtime without culture data, where every culture behaves as the invariant one and this test would prove nothing.
        if (name == "de-DE")
        {
            Assert.Equal(",", culture.NumberFormat.NumberDecimalSeparator);
        }
        else if (name == "tr-TR")
        {
            Assert.Equal("İ", "i".ToUpper(culture));
        }
        else if (name == "ar-SA")
        {
            Assert.NotEqual("-", culture.NumberFormat.NegativeSign);
        }

        AssertSameFiles(Baseline.Value, InCulture(culture, () => Generate(Sources)));
    }

    [Fact]
    public void TheOrderOfFilesInTheCompilationDoesNotMatter()
    {
        AssertSameFiles(Baseline.Value, Generate(Sources.Reverse().ToArray()));
        var random = new Random(14);
        AssertSameFiles(Baseline.Value, Generate(Sources.OrderBy(_ => random.Next()).ToArray()));
    }

    [Fact]
    public void DeterministicBuildsOfTheOutputAreByteIdentical()
    {
        byte[] first = EmitDeterministically();
        byte[] second = EmitDeterministically();

        Assert.Equal(first, second);
    }

    private static byte[] EmitDeterministically()
    {
        CSharpCompilation input = GeneratorHarness.Compile(Sources);
        input = input.WithOptions(input.Options.WithDeterministic(true));
        GeneratorRun run = GeneratorHarness.Run(input, GeneratorHarness.CreateDriver());
        using var stream = new MemoryStream();
        Microsoft.CodeAnalysis.Emit.EmitResult result = run.Output.Emit(stream);
        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        return stream.ToArray();
    }

    private static IReadOnlyList<(string HintName, string Source)> Generate(string[] sources) => GeneratorHarness.Run(sources).Generated;

    private static T InCulture<T>(CultureInfo culture, Func<T> action)
    {
        CultureInfo culture0 = CultureInfo.CurrentCulture;
        CultureInfo uiCulture0 = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentCulture = culture;
            CultureInfo.CurrentUICulture = culture;
            return action();
        }
        finally
        {
            CultureInfo.CurrentCulture = culture0;
            CultureInfo.CurrentUICulture = uiCulture0;
        }
    }

    private static void AssertSameFiles(IReadOnlyList<(string HintName, string Source)> expected, IReadOnlyList<(string HintName, string Source)> actual)
    {
        Assert.Equal(expected.Select(f => f.HintName), actual.Select(f => f.HintName));
        for (int i = 0; i < expected.Count; i++)
        {
            Assert.True(
                Encoding.UTF8.GetBytes(expected[i].Source).AsSpan().SequenceEqual(Encoding.UTF8.GetBytes(actual[i].Source)),
                $"{expected[i].HintName} differs: first difference at character {FirstDifference(expected[i].Source, actual[i].Source)}");
        }
    }

    private static int FirstDifference(string a, string b)
    {
        int i = 0;
        while (i < a.Length && i < b.Length && a[i] == b[i])
        {
            i++;
        }

        return i;
    }
}
