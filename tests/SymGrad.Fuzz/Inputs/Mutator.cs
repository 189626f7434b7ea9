using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using SymGrad.Fuzz.Corpus;

namespace SymGrad.Fuzz.Inputs;

/// <summary>
/// Mutations of a C# file: token deletions, insertions and swaps, random identifiers (including the
/// names generated code uses itself), unsupported or unusual statements spliced into a
/// differentiable method, extreme literals, overloads of a differentiable method, truncation.
/// Each works on Roslyn's tokens of the current text, so a mutation of a mutation is fine.
/// </summary>
internal static class Mutator
{
    private static readonly string[] Identifiers =
    {
        "dx", "dy", "dw", "d", "dResult", "result", "condition", "value", "t", "i", "j", "s", "n", "Math", "SymMath", "System",
        "global", "@double", "@class", "_", "__", "gradient", "Gradient", "F", "FGradient", "dF", "var", "nameof", "dynamic", "x0", "Model",
    };

    private static readonly string[] ExtremeLiterals =
    {
        "1e308", "0.0", "-0.0", "double.NaN", "double.PositiveInfinity", "double.Epsilon", "1e-320", "int.MaxValue", "2147483647", "0", "-1", "1e-300",
    };

    private static readonly string[] Operators = { "+", "-", "*", "/", "%", "<", ">", "==", "!=", "&&", "||", "?", ":", "=", "+=", "++", "!", "&", "|", "^", "<<", "=>", "(", ")", "{", "}", "[", "]", ";", ",", "." };

    private delegate string? Mutation(string source, SyntaxNode root, Random random);

    private static readonly (string Name, int Weight, Mutation Apply)[] Mutations =
    {
        ("delete tokens", 4, DeleteTokens),
        ("insert a token", 3, InsertToken),
        ("swap tokens", 3, SwapTokens),
        ("rename an identifier", 3, RenameIdentifier),
        ("splice a statement", 6, SpliceStatement),
        ("extreme literal", 2, ExtremeLiteral),
        ("add an overload", 1, AddOverload),
        ("truncate", 1, Truncate),
    };

    /// <summary>Applies one to three mutations; returns the text and what was done.</summary>
    public static (string Source, string Description) Mutate(string source, Random random)
    {
        int count = 1 + random.Next(3);
        var done = new List<string>();
        for (int k = 0; k < count; k++)
        {
            SyntaxNode root = CSharpSyntaxTree.ParseText(source).GetRoot();
            (string name, _, Mutation apply) = Pick(random);
            if (apply(source, root, random) is { } mutated)
            {
                source = mutated;
                done.Add(name);
            }
        }

        return (source, done.Count == 0 ? "unchanged" : string.Join(", ", done));
    }

    private static (string, int, Mutation) Pick(Random random)
    {
        int total = Mutations.Sum(m => m.Weight);
        int roll = random.Next(total);
        foreach ((string, int Weight, Mutation) mutation in Mutations)
        {
            if ((roll -= mutation.Weight) < 0)
            {
                return mutation;
            }
        }

        return Mutations[0];
    }

    private static List<SyntaxToken> Tokens(SyntaxNode root) => root.DescendantTokens().Where(t => !t.IsKind(SyntaxKind.EndOfFileToken)).ToList();

    /// <summary>Tokens inside differentiable methods when there are any: mutations there exercise the generator, not only the parser.</summary>
    private static List<SyntaxToken> InterestingTokens(SyntaxNode root, Random random)
    {
        var methods = root.DescendantNodes().OfType<MethodDeclarationSyntax>().Where(CorpusLoader.IsDifferentiable).ToList();
        return methods.Count > 0 && random.Next(5) > 0 ? Tokens(methods[random.Next(methods.Count)]) : Tokens(root);
    }

    private static string Replace(string source, TextSpan span, string text) => source[..span.Start] + text + source[span.End..];

    private static string? DeleteTokens(string source, SyntaxNode root, Random random)
    {
        List<SyntaxToken> tokens = InterestingTokens(root, random);
        if (tokens.Count == 0)
        {
            return null;
        }

        int first = random.Next(tokens.Count);
        int last = Math.Min(tokens.Count - 1, first + random.Next(3));
        return Replace(source, TextSpan.FromBounds(tokens[first].SpanStart, tokens[last].Span.End), " ");
    }

    private static string? InsertToken(string source, SyntaxNode root, Random random)
    {
        List<SyntaxToken> tokens = InterestingTokens(root, random);
        if (tokens.Count == 0)
        {
            return null;
        }

        string text = random.Next(3) == 0 ? Operators[random.Next(Operators.Length)] : tokens[random.Next(tokens.Count)].Text;
        int at = tokens[random.Next(tokens.Count)].SpanStart;
        return source[..at] + text + " " + source[at..];
    }

    private static string? SwapTokens(string source, SyntaxNode root, Random random)
    {
        List<SyntaxToken> tokens = InterestingTokens(root, random);
        if (tokens.Count < 2)
        {
            return null;
        }

        int i = random.Next(tokens.Count - 1);
        int j = random.Next(2) == 0 ? i + 1 : random.Next(i + 1, tokens.Count);
        SyntaxToken a = tokens[i];
        SyntaxToken b = tokens[j];
        return source[..a.SpanStart] + b.Text + source[a.Span.End..b.SpanStart] + a.Text + source[b.Span.End..];
    }

    private static string? RenameIdentifier(string source, SyntaxNode root, Random random)
    {
        var identifiers = InterestingTokens(root, random).Where(t => t.IsKind(SyntaxKind.IdentifierToken)).ToList();
        if (identifiers.Count == 0)
        {
            return null;
        }

        SyntaxToken target = identifiers[random.Next(identifiers.Count)];
        string name = random.Next(3) switch
        {
            0 => Identifiers[random.Next(Identifiers.Length)],
            1 => identifiers[random.Next(identifiers.Count)].Text,
            _ => "q" + random.Next(1000),
        };
        if (random.Next(2) == 0)
        {
            return Replace(source, target.Span, name);
        }

        // Every occurrence: a consistent rename keeps the program well-typed and reaches the generator's naming.
        var builder = new StringBuilder(source);
        foreach (SyntaxToken token in Tokens(root).Where(t => t.IsKind(SyntaxKind.IdentifierToken) && t.Text == target.Text).OrderByDescending(t => t.SpanStart))
        {
            builder.Remove(token.SpanStart, token.Span.Length).Insert(token.SpanStart, name);
        }

        return builder.ToString();
    }

    private static string? SpliceStatement(string source, SyntaxNode root, Random random)
    {
        var methods = root.DescendantNodes().OfType<MethodDeclarationSyntax>().Where(CorpusLoader.IsDifferentiable).ToList();
        if (methods.Count == 0)
        {
            return null;
        }

        MethodDeclarationSyntax method = methods[random.Next(methods.Count)];
        var doubles = method.ParameterList.Parameters.Where(p => p.Type?.ToString() == "double").Select(p => p.Identifier.Text).ToList();
        string variable = doubles.Count > 0 ? doubles[random.Next(doubles.Count)] : "q" + random.Next(100);
        string statement = Splices.Statements[random.Next(Splices.Statements.Length)]
            .Replace("{v}", variable, StringComparison.Ordinal)
            .Replace("{n}", "fz" + random.Next(100), StringComparison.Ordinal);
        if (doubles.Count == 0)
        {
            statement = "double " + variable + " = 1.5; " + statement;
        }

        if (method.Body is { } body)
        {
            var places = body.DescendantNodesAndSelf().OfType<BlockSyntax>().SelectMany(b => b.Statements.Select(s => s.SpanStart).Append(b.CloseBraceToken.SpanStart)).ToList();
            int at = places[random.Next(places.Count)];
            return source[..at] + statement + "\n" + source[at..];
        }

        if (method.ExpressionBody is { } arrow && method.SemicolonToken.Span.Length > 0)
        {
            // => e;  becomes  { statement return e; }
            string replacement = "{ " + statement + " return " + arrow.Expression.ToString() + "; }";
            return Replace(source, TextSpan.FromBounds(arrow.SpanStart, method.SemicolonToken.Span.End), replacement);
        }

        return null;
    }

    private static string? ExtremeLiteral(string source, SyntaxNode root, Random random)
    {
        var literals = InterestingTokens(root, random).Where(t => t.IsKind(SyntaxKind.NumericLiteralToken)).ToList();
        if (literals.Count == 0)
        {
            return null;
        }

        return Replace(source, literals[random.Next(literals.Count)].Span, ExtremeLiterals[random.Next(ExtremeLiterals.Length)]);
    }

    /// <summary>A second differentiable method of the same name with one more parameter: overloads must get distinct generated files.</summary>
    private static string? AddOverload(string source, SyntaxNode root, Random random)
    {
        var methods = root.DescendantNodes().OfType<MethodDeclarationSyntax>().Where(CorpusLoader.IsDifferentiable).ToList();
        if (methods.Count == 0)
        {
            return null;
        }

        MethodDeclarationSyntax method = methods[random.Next(methods.Count)];
        ParameterListSyntax parameters = method.ParameterList.AddParameters(SyntaxFactory.Parameter(SyntaxFactory.Identifier("extra")).WithType(SyntaxFactory.ParseTypeName("double ")));
        string overload = method.WithParameterList(parameters).ToFullString();
        return source[..method.FullSpan.End] + "\n" + overload + source[method.FullSpan.End..];
    }

    private static string? Truncate(string source, SyntaxNode root, Random random) =>
        source.Length < 10 ? null : source[..random.Next(source.Length / 5, source.Length)];
}
