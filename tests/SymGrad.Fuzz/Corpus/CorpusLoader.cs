using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SymGrad.Generator.Tests.Hardening;
using SymGrad.Generator.Tests.Infrastructure;

namespace SymGrad.Fuzz.Corpus;

/// <summary>
/// The corpus the mutations start from: every file of the repository with a <c>[Differentiable]</c>
/// method (seed models, sample models, consumer test models, benchmark models) and every method or
/// class the generator tests hold as a string (snapshot cases, diagnostic cases, incrementality
/// models). A file that does not compile on its own is cut down to its differentiable methods and
/// the constants they may read; one that still has C# errors is left out (SYMGRAD rejections are fine seeds: the diagnostic cases are), because mutations of
/// broken code only test the compiler.
/// </summary>
internal static class CorpusLoader
{
    private static readonly string[] Folders = { "samples", "tests", "benchmarks" };

    public static (IReadOnlyList<CorpusEntry> Entries, IReadOnlyList<string> Dropped) Load()
    {
        var candidates = new List<CorpusEntry>();
        foreach (string path in Folders.SelectMany(f => Directory.EnumerateFiles(RepositoryPaths.Of(f), "*.cs", SearchOption.AllDirectories)).OrderBy(p => p, StringComparer.Ordinal))
        {
            string relative = Path.GetRelativePath(RepositoryPaths.Root, path).Replace('\\', '/');
            if (relative.Contains("/bin/", StringComparison.Ordinal) || relative.Contains("/obj/", StringComparison.Ordinal) || relative.Contains("/Hardening/Regressions/", StringComparison.Ordinal) || relative.StartsWith("tests/SymGrad.Fuzz/", StringComparison.Ordinal))
            {
                continue;
            }

            string text = File.ReadAllText(path);
            if (!text.Contains("Differentiable", StringComparison.Ordinal))
            {
                continue;
            }

            SyntaxNode root = CSharpSyntaxTree.ParseText(text).GetRoot();
            if (root.DescendantNodes().OfType<MethodDeclarationSyntax>().Any(IsDifferentiable))
            {
                candidates.Add(new CorpusEntry(relative, text));
            }

            int literal = 0;
            foreach (SyntaxToken token in root.DescendantTokens().Where(IsStringLiteral))
            {
                literal++;
                if (InlineSource(token.ValueText) is { } source)
                {
                    candidates.Add(new CorpusEntry(relative + " (string " + literal + ")", source));
                }
            }
        }

        var entries = new List<CorpusEntry>();
        var dropped = new List<string>();
        foreach (CorpusEntry candidate in candidates)
        {
            InputVerdict verdict = InputVerdict.Judge(candidate.Source);
            if (verdict.Outcome != InputOutcome.RejectedByCSharp)
            {
                entries.Add(candidate);
            }
            else if (Reduce(candidate.Source) is { } reduced && InputVerdict.Judge(reduced).Outcome != InputOutcome.RejectedByCSharp)
            {
                entries.Add(candidate with { Origin = candidate.Origin + " (differentiable methods only)", Source = reduced });
            }
            else
            {
                dropped.Add(candidate.Origin + " [" + verdict.Detail.Split('\n')[0] + "]");
            }
        }

        return (entries, dropped);
    }

    public static bool IsDifferentiable(MethodDeclarationSyntax method) =>
        method.AttributeLists.SelectMany(l => l.Attributes).Any(a => a.Name.ToString() is "Differentiable" or "SymGrad.Differentiable" or "DifferentiableAttribute");

    private static bool IsStringLiteral(SyntaxToken token) =>
        token.IsKind(SyntaxKind.StringLiteralToken) || token.IsKind(SyntaxKind.MultiLineRawStringLiteralToken) || token.IsKind(SyntaxKind.SingleLineRawStringLiteralToken);

    /// <summary>A test's inline C#: a whole class (diagnostic cases, with their [| |] markers removed) or one method (snapshot cases).</summary>
    private static string? InlineSource(string text)
    {
        if (!text.Contains("static", StringComparison.Ordinal) || !text.Contains('('))
        {
            return null;
        }

        text = text.Replace("[|", "", StringComparison.Ordinal).Replace("|]", "", StringComparison.Ordinal);
        bool isType = text.Contains("class ", StringComparison.Ordinal) || text.Contains("struct ", StringComparison.Ordinal) || text.Contains("record ", StringComparison.Ordinal);
        if (isType)
        {
            return text.Contains("Differentiable", StringComparison.Ordinal) ? (text.Contains("using SymGrad;", StringComparison.Ordinal) ? text : "using System;\nusing SymGrad;\n" + text) : null;
        }

        if (!text.TrimStart().StartsWith("public static double", StringComparison.Ordinal) && !text.TrimStart().StartsWith("[Differentiable]", StringComparison.Ordinal))
        {
            return null;
        }

        string method = text.Contains("[Differentiable]", StringComparison.Ordinal) ? text : "[Differentiable]\n" + text;
        return "using System;\nusing SymGrad;\n\nnamespace Corpus;\n\npublic static partial class Model\n{\n" + method + "\n}\n";
    }

    /// <summary>The file with only the types that hold differentiable methods, those methods and constant fields.</summary>
    private static string? Reduce(string source)
    {
        var root = (CompilationUnitSyntax)CSharpSyntaxTree.ParseText(source).GetRoot();
        SyntaxNode reduced = new Reducer().Visit(root);
        return reduced.DescendantNodes().OfType<MethodDeclarationSyntax>().Any(IsDifferentiable) ? reduced.ToFullString() : null;
    }

    private sealed class Reducer : CSharpSyntaxRewriter
    {
        public override SyntaxNode? VisitCompilationUnit(CompilationUnitSyntax node) =>
            base.VisitCompilationUnit(node.WithMembers(Keep(node.Members)));

        public override SyntaxNode? VisitFileScopedNamespaceDeclaration(FileScopedNamespaceDeclarationSyntax node) =>
            base.VisitFileScopedNamespaceDeclaration(node.WithMembers(Keep(node.Members)));

        public override SyntaxNode? VisitNamespaceDeclaration(NamespaceDeclarationSyntax node) =>
            base.VisitNamespaceDeclaration(node.WithMembers(Keep(node.Members)));

        public override SyntaxNode? VisitClassDeclaration(ClassDeclarationSyntax node) =>
            base.VisitClassDeclaration(node.WithMembers(Keep(node.Members)).WithAttributeLists(default).WithBaseList(null));

        public override SyntaxNode? VisitStructDeclaration(StructDeclarationSyntax node) =>
            base.VisitStructDeclaration(node.WithMembers(Keep(node.Members)).WithAttributeLists(default).WithBaseList(null));

        public override SyntaxNode? VisitRecordDeclaration(RecordDeclarationSyntax node) =>
            base.VisitRecordDeclaration(node.WithMembers(Keep(node.Members)).WithAttributeLists(default).WithBaseList(null));

        private static SyntaxList<MemberDeclarationSyntax> Keep(SyntaxList<MemberDeclarationSyntax> members) =>
            SyntaxFactory.List(members.Where(m => m switch
            {
                MethodDeclarationSyntax method => IsDifferentiable(method),
                FieldDeclarationSyntax field => field.Modifiers.Any(SyntaxKind.ConstKeyword),
                BaseNamespaceDeclarationSyntax or TypeDeclarationSyntax => m.DescendantNodes().OfType<MethodDeclarationSyntax>().Any(IsDifferentiable),
                _ => false,
            }));
    }
}
