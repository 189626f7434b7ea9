using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using SymGrad.Generator.Tests.Infrastructure;
using Xunit;

namespace SymGrad.Generator.Tests.Hardening;

/// <summary>
/// Replays the inputs the fuzzing command found and shrank (Hardening/Regressions/*.cs). Each file
/// starts with <c>// status: fixed</c> or <c>// status: open</c>. Fixed findings must replay without
/// a generator exception and without errors or warnings in generated code. Open findings are known
/// defects whose fixes are landing on other branches (docs/reliability.md lists them): their replay
/// is skipped, with the reason shown, unless SYMGRAD_REPLAY_OPEN=1; a fix flips the file to fixed.
/// </summary>
public class RegressionReplayTests
{
    public static string Folder => RepositoryPaths.Of("tests", "SymGrad.Generator.Tests", "Hardening", "Regressions");

    [Fact]
    public void EveryFindingHasAStatus()
    {
        foreach (string file in Directory.EnumerateFiles(Folder, "*.cs"))
        {
            string status = StatusOf(file);
            Assert.True(status is "fixed" or "open", $"{Path.GetFileName(file)} starts with neither '// status: fixed' nor '// status: open'");
        }
    }

    [Fact]
    public void FixedFindingsReplayClean() => AssertReplayClean(Files("fixed"));

    [OpenFindingsFact]
    public void OpenFindingsReplayClean() => AssertReplayClean(Files("open"));

    private static void AssertReplayClean(IReadOnlyList<string> files)
    {
        var failures = new List<string>();
        foreach (string file in files)
        {
            InputVerdict verdict = InputVerdict.Judge(File.ReadAllText(file));
            if (verdict.Outcome.IsFailure())
            {
                failures.Add($"{Path.GetFileName(file)}: {verdict.Outcome} {verdict.Signature}\n{verdict.Detail}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
    }

    public static IReadOnlyList<string> Files(string status) =>
        Directory.Exists(Folder)
            ? Directory.EnumerateFiles(Folder, "*.cs").Where(f => StatusOf(f) == status).OrderBy(f => f, StringComparer.Ordinal).ToList()
            : Array.Empty<string>();

    private static string StatusOf(string file)
    {
        string first = File.ReadLines(file).FirstOrDefault() ?? "";
        const string Prefix = "// status: ";
        return first.StartsWith(Prefix, StringComparison.Ordinal) ? first[Prefix.Length..].Trim() : "";
    }
}

/// <summary>Skipped, with the open findings named in the reason, unless SYMGRAD_REPLAY_OPEN=1.</summary>
public sealed class OpenFindingsFactAttribute : FactAttribute
{
    public OpenFindingsFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("SYMGRAD_REPLAY_OPEN") != "1")
        {
            IReadOnlyList<string> open = RegressionReplayTests.Files("open");
            if (open.Count > 0)
            {
                Skip = $"{open.Count} open findings of known generator defects being fixed on other branches ({string.Join(", ", open.Select(Path.GetFileNameWithoutExtension))}); "
                    + "run with SYMGRAD_REPLAY_OPEN=1 and flip a file's status to fixed once it replays clean (docs/reliability.md)";
            }
        }
    }
}
