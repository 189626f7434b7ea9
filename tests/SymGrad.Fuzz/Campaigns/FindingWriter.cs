using System;
using System.IO;
using System.Linq;
using System.Text;
using SymGrad.Generator.Tests.Hardening;

namespace SymGrad.Fuzz.Campaigns;

/// <summary>
/// Writes a shrunk failing input as a regression file that the generator tests replay
/// (tests/SymGrad.Generator.Tests/Hardening/Regressions by default). One file per defect signature:
/// a signature already on disk is a known finding and is not written again.
/// </summary>
internal sealed class FindingWriter
{
    private readonly string folder;

    private readonly string recorded;

    /// <param name="folder">Where new findings go.</param>
    /// <param name="recorded">The regression folder the tests replay: a finding recorded there is known wherever new ones go.</param>
    public FindingWriter(string folder, string recorded)
    {
        this.folder = folder;
        this.recorded = recorded;
        Directory.CreateDirectory(folder);
    }

    public static string FileNameOf(InputVerdict verdict)
    {
        string name = verdict.Outcome + "-" + verdict.Signature;
        var safe = new StringBuilder();
        foreach (char c in name)
        {
            safe.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' ? c : '_');
        }

        return safe.ToString().TrimEnd('_') + ".cs";
    }

    public bool IsKnown(InputVerdict verdict) => File.Exists(Path.Combine(folder, FileNameOf(verdict))) || File.Exists(Path.Combine(recorded, FileNameOf(verdict)));

    public string Write(InputVerdict verdict, string shrunk, string foundBy)
    {
        string path = Path.Combine(folder, FileNameOf(verdict));
        string symptom = verdict.Detail.Split('\n').FirstOrDefault(l => l.Trim().Length > 0)?.Trim() ?? "";
        var text = new StringBuilder()
            .Append("// status: open\n")
            .Append("// found by: ").Append(foundBy).Append('\n')
            .Append("// symptom: ").Append(verdict.Outcome).Append(' ').Append(verdict.Signature).Append(": ").Append(symptom.Replace('\r', ' ')).Append('\n')
            .Append(shrunk);
        File.WriteAllText(path, text.ToString());
        return path;
    }
}
