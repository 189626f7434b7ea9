using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Xunit;

namespace SymGrad.Consumer.Tests.StudentT;

/// <summary>
/// docs/custom-derivatives.md quotes the sample's source: every C# block that starts with a repository path
/// must appear in that file, line by line and in order ('// ...' marks an elision, a trailing comment is the
/// doc's own), so the page cannot drift from the code it explains.
/// </summary>
public sealed class CustomDerivativesDocTests
{
    [Fact]
    public void QuotedBlocksAreInTheirFiles()
    {
        string root = RepositoryRoot();
        List<(string Path, string[] Lines)> blocks = QuotedBlocks(File.ReadAllText(Path.Combine(root, "docs", "custom-derivatives.md")));
        Assert.True(blocks.Count >= 3, $"expected at least 3 quoted blocks, found {blocks.Count}");
        foreach ((string path, string[] lines) in blocks)
        {
            string[] source = File.ReadAllLines(Path.Combine(root, path)).Select(l => l.Trim()).ToArray();
            int at = 0;
            foreach (string line in lines)
            {
                int found = Array.IndexOf(source, line, at);
                Assert.True(found >= 0, $"docs/custom-derivatives.md quotes a line that {path} does not have (after line {at}): {line}");
                at = found + 1;
            }
        }
    }

    private static List<(string Path, string[] Lines)> QuotedBlocks(string markdown)
    {
        var blocks = new List<(string, string[])>();
        foreach (Match block in Regex.Matches(markdown.Replace("\r\n", "\n"), "```csharp\n// ((?:samples|tests)/\\S+\\.cs)\n(.*?)```", RegexOptions.Singleline))
        {
            string[] lines = block.Groups[2].Value.Split('\n')
                .Select(l => Regex.Replace(l, @"\s{2,}//.*$", string.Empty).Trim())
                .Where(l => l.Length > 0 && l != "// ...")
                .ToArray();
            blocks.Add((block.Groups[1].Value, lines));
        }

        return blocks;
    }

    private static string RepositoryRoot()
    {
        for (DirectoryInfo? directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "SymGrad.sln")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No SymGrad.sln above {AppContext.BaseDirectory}.");
    }
}
