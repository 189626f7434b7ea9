using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using SymGrad.Generator.Tests.Hardening;

namespace SymGrad.Fuzz.Shrinking;

/// <summary>
/// Shrinks a failing input while it still fails the same way (same outcome and signature): first
/// removes chunks of lines (halves, quarters, ... down to single lines, as in delta debugging),
/// then single tokens, within a time budget. What is left is the input a regression test replays.
/// </summary>
internal static class Shrinker
{
    public static string Shrink(string source, InputVerdict failure, TimeSpan budget)
    {
        var clock = Stopwatch.StartNew();
        bool parses = !HasSyntaxErrors(source);
        bool StillFails(string candidate)
        {
            if (parses && HasSyntaxErrors(candidate))
            {
                return false; // keep a well-formed input well-formed: the regression file should read as a program
            }

            InputVerdict verdict = InputVerdict.Judge(candidate);
            return verdict.Outcome == failure.Outcome && verdict.Signature == failure.Signature;
        }

        var lines = source.Split('\n').ToList();
        lines = Reduce(lines, l => string.Join("\n", l), StillFails, clock, budget);
        string text = string.Join("\n", lines);

        // Tokens, last to first: removing a token at a time keeps the rest of the text in place.
        List<SyntaxToken> tokens = CSharpSyntaxTree.ParseText(text).GetRoot().DescendantTokens().Where(t => t.Span.Length > 0).ToList();
        for (int i = tokens.Count - 1; i >= 0 && clock.Elapsed < budget; i--)
        {
            SyntaxToken token = tokens[i];
            if (token.Span.End > text.Length)
            {
                continue;
            }

            string candidate = text[..token.SpanStart] + text[token.Span.End..];
            if (StillFails(candidate))
            {
                text = candidate;
            }
        }

        return text;
    }

    private static bool HasSyntaxErrors(string source) =>
        CSharpSyntaxTree.ParseText(source).GetDiagnostics().Any(d => d.Severity == DiagnosticSeverity.Error);

    private static List<string> Reduce(List<string> items, Func<List<string>, string> render, Func<string, bool> stillFails, Stopwatch clock, TimeSpan budget)
    {
        int chunk = Math.Max(1, items.Count / 2);
        while (chunk >= 1 && clock.Elapsed < budget)
        {
            bool removed = false;
            for (int start = 0; start < items.Count && clock.Elapsed < budget;)
            {
                var candidate = items.Take(start).Concat(items.Skip(start + chunk)).ToList();
                if (candidate.Count < items.Count && stillFails(render(candidate)))
                {
                    items = candidate;
                    removed = true;
                }
                else
                {
                    start += chunk;
                }
            }

            if (!removed)
            {
                chunk /= 2;
            }
        }

        return items;
    }
}
