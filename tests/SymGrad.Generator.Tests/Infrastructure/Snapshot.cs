using System;
using System.IO;
using Xunit.Sdk;

namespace SymGrad.Generator.Tests.Infrastructure;

/// <summary>
/// Approved-file snapshots of generated code. The approved file sits next to the tests
/// (Snapshots/{name}.approved.cs). On a mismatch a {name}.received.cs is written beside it and the
/// test fails showing the first differing line. Setting SYMGRAD_ACCEPT_SNAPSHOTS=1 re-accepts,
/// except under CI (CI=true), which always compares.
/// </summary>
public static class Snapshot
{
    public static void Match(string name, string actual)
    {
        string folder = RepositoryPaths.Of("tests", "SymGrad.Generator.Tests", "Snapshots");
        string approvedPath = Path.Combine(folder, name + ".approved.cs");
        string receivedPath = Path.Combine(folder, name + ".received.cs");
        string normalized = Normalize(actual);
        bool accept = Environment.GetEnvironmentVariable("SYMGRAD_ACCEPT_SNAPSHOTS") == "1"
            && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

        if (accept)
        {
            Directory.CreateDirectory(folder);
            File.WriteAllText(approvedPath, normalized);
            File.Delete(receivedPath);
            return;
        }

        string? approved = File.Exists(approvedPath) ? Normalize(File.ReadAllText(approvedPath)) : null;
        if (approved == normalized)
        {
            File.Delete(receivedPath);
            return;
        }

        File.WriteAllText(receivedPath, normalized);
        throw new XunitException(approved is null
            ? $"No approved snapshot {approvedPath}; wrote {receivedPath}. Review it, then rename it or run with SYMGRAD_ACCEPT_SNAPSHOTS=1."
            : $"Snapshot {name} differs from {approvedPath} ({FirstDifference(approved, normalized)}); wrote {receivedPath}.");
    }

    /// <summary>Line endings and the tool version do not count as differences.</summary>
    private static string Normalize(string text) =>
        text.Replace("\r\n", "\n").Replace("\"SymGrad\", \"" + Emission.GradientEmitter.ToolVersion + "\"", "\"SymGrad\", \"{version}\"").TrimStart('\uFEFF');

    private static string FirstDifference(string expected, string actual)
    {
        string[] left = expected.Split('\n');
        string[] right = actual.Split('\n');
        for (int i = 0; i < Math.Max(left.Length, right.Length); i++)
        {
            string l = i < left.Length ? left[i] : "<end of file>";
            string r = i < right.Length ? right[i] : "<end of file>";
            if (l != r)
            {
                return $"line {i + 1}: approved '{l.Trim()}' but generated '{r.Trim()}'";
            }
        }

        return "identical lines";
    }
}
