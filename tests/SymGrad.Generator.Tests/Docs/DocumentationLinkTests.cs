using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using SymGrad.Generator.Tests.Infrastructure;
using Xunit;

namespace SymGrad.Generator.Tests.Docs;

/// <summary>
/// Every relative link in the repository's Markdown (inline, and reference definitions such as <c>[log]: file.md#section</c>) (README, docs, benchmarks, samples) reaches a file that exists, and
/// every <c>#fragment</c> into a Markdown file names one of its headings, as GitHub renders them. The docs link into
/// each other's sections heavily (the reference page and the measurement log of the benchmarks especially), so a
/// renamed or moved heading shows up here instead of as a dead link.
/// </summary>
public class DocumentationLinkTests
{
    [Fact]
    public void EveryRelativeLinkAndSectionAnchorResolves()
    {
        List<string> pages = MarkdownFiles().ToList();
        Assert.True(pages.Count >= 20, $"only {pages.Count} Markdown files found under {RepositoryPaths.Root}");
        var anchors = pages.ToDictionary(page => page, page => Anchors(File.ReadAllText(page)), StringComparer.Ordinal);

        var broken = new List<string>();
        foreach (string page in pages)
        {
            string text = WithoutCode(File.ReadAllText(page));
            foreach (string target in Link.Matches(text).Concat(ReferenceDefinition.Matches(text)).Select(link => link.Groups[1].Value))
            {
                if (target.Contains("://", StringComparison.Ordinal) || target.StartsWith("mailto:", StringComparison.Ordinal))
                {
                    continue;
                }

                int hash = target.IndexOf('#');
                string path = hash < 0 ? target : target.Substring(0, hash);
                string fragment = hash < 0 ? "" : target.Substring(hash + 1);
                string file = path.Length == 0 ? page : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(page)!, Uri.UnescapeDataString(path)));
                string where = Path.GetRelativePath(RepositoryPaths.Root, page) + ": " + target;
                if (!File.Exists(file) && !Directory.Exists(file))
                {
                    broken.Add(where + " (no such file)");
                }
                else if (fragment.Length > 0 && anchors.TryGetValue(file, out HashSet<string>? headings) && !headings.Contains(fragment))
                {
                    broken.Add(where + " (no such heading)");
                }
            }
        }

        Assert.True(broken.Count == 0, "broken links:\n" + string.Join("\n", broken));
    }

    [Fact]
    public void EveryReferenceLinkHasItsDefinitionInItsPage()
    {
        // [text][name] renders as plain text when the page defines no [name]: the check above sees only definitions.
        var undefined = new List<string>();
        foreach (string page in MarkdownFiles())
        {
            string text = WithoutInlineCode(WithoutCode(File.ReadAllText(page)));
            var defined = new HashSet<string>(ReferenceName.Matches(text).Select(name => name.Groups[1].Value), StringComparer.OrdinalIgnoreCase);
            foreach (Match use in ReferenceUse.Matches(text))
            {
                if (!defined.Contains(use.Groups[1].Value))
                {
                    undefined.Add(Path.GetRelativePath(RepositoryPaths.Root, page) + ": [" + use.Groups[1].Value + "]");
                }
            }
        }

        Assert.True(undefined.Count == 0, "reference links without a definition in their page:\n" + string.Join("\n", undefined));
    }

    [Theory]
    [InlineData("## Where the targets stand", "where-the-targets-stand")]
    [InlineData("## Row lanes' tiles in a function of their own (issue 12)", "row-lanes-tiles-in-a-function-of-their-own-issue-12")]
    [InlineData("### The `double` softmax row body: where the 20x is", "the-double-softmax-row-body-where-the-20x-is")]
    [InlineData("## Softmax regression, k = 10", "softmax-regression-k--10")]
    [InlineData("## ADBench: GMM and LSTM objectives", "adbench-gmm-and-lstm-objectives")]
    public void HeadingsBecomeGitHubAnchors(string heading, string anchor) => Assert.Contains(anchor, Anchors(heading + "\n"));

    [Fact]
    public void ARepeatedHeadingGetsANumberedAnchor() =>
        Assert.Equal(new[] { "example", "example-1", "example-2" }, Anchors("## Example\n\ntext\n\n### Example\n\n## Example\n").OrderBy(a => a, StringComparer.Ordinal));

    /// <summary>A Markdown link's target: <c>[text](target)</c>, the target without spaces.</summary>
    private static readonly Regex Link = new(@"\]\(([^)\s]+)\)", RegexOptions.Compiled);

    /// <summary>A reference-style link's definition: <c>[name]: target</c> at the start of a line.</summary>
    private static readonly Regex ReferenceDefinition = new(@"^ {0,3}\[[^\]]+\]:\s*(\S+)", RegexOptions.Compiled | RegexOptions.Multiline);

    /// <summary>A full reference link's use: the <c>[name]</c> after <c>[text]</c>.</summary>
    private static readonly Regex ReferenceUse = new(@"\]\[([^\]\s][^\]]*)\]", RegexOptions.Compiled);

    /// <summary>A reference definition's name: <c>[name]:</c> at the start of a line.</summary>
    private static readonly Regex ReferenceName = new(@"^ {0,3}\[([^\]]+)\]:", RegexOptions.Compiled | RegexOptions.Multiline);

    private static readonly Regex Heading = new(@"^#{1,6}\s+(.*?)\s*#*\s*$", RegexOptions.Compiled);

    /// <summary>GitHub's anchors: the heading's text lower-cased, every character but letters, digits, '_', '-' and spaces dropped, spaces made '-', and "-1", "-2"... after repeats.</summary>
    private static HashSet<string> Anchors(string markdown)
    {
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (string line in Lines(WithoutCode(markdown)))
        {
            Match heading = Heading.Match(line);
            if (!heading.Success)
            {
                continue;
            }

            string slug = Regex.Replace(heading.Groups[1].Value.ToLowerInvariant(), @"[^\w\- ]", "").Replace(' ', '-');
            int count = seen.TryGetValue(slug, out int n) ? n : 0;
            seen[slug] = count + 1;
            anchors.Add(count == 0 ? slug : slug + "-" + count);
        }

        return anchors;
    }

    /// <summary>The text with fenced code blocks blanked: a <c>#</c> comment in a shell block is not a heading, and code is not a link.</summary>
    private static string WithoutCode(string markdown)
    {
        bool inFence = false;
        return string.Join("\n", Lines(markdown).Select(line =>
        {
            bool fence = line.TrimStart().StartsWith("```", StringComparison.Ordinal);
            inFence ^= fence;
            return fence || inFence ? "" : line;
        }));
    }

    /// <summary>The text with inline code spans removed: <c>`w[i][j]`</c> is an index, not a reference link.</summary>
    private static string WithoutInlineCode(string markdown) => Regex.Replace(markdown, "`[^`\n]*`", "");

    private static IEnumerable<string> Lines(string text) => text.Replace("\r\n", "\n").Split('\n');

    private static IEnumerable<string> MarkdownFiles() =>
        Directory.EnumerateFiles(RepositoryPaths.Root, "*.md", SearchOption.AllDirectories)
            .Where(path => !Path.GetRelativePath(RepositoryPaths.Root, path).Split(Path.DirectorySeparatorChar)
                .Any(part => part is "bin" or "obj" or ".git" or "BenchmarkDotNet.Artifacts" or "node_modules" || part.StartsWith(".", StringComparison.Ordinal) && part.Length > 1))
            .Select(Path.GetFullPath)
            .OrderBy(path => path, StringComparer.Ordinal);
}
