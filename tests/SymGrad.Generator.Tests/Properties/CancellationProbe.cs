using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SymGrad.Generator.Tests.Properties;

/// <summary>
/// Lets the call-graph check see where a program's own arithmetic loses its value (docs/reliability.md, "Cancellation"):
/// a copy of the whole program, not differentiated, whose types are renamed (<see cref="ProbedName"/>) and in which every
/// <c>double</c> sum and difference, and every <c>+=</c> and <c>-=</c>, goes through <c>CancellationProbe.Add</c> or
/// <c>Subtract</c>, which notes the first one (its source text, in <c>CancellationProbe.Site</c>) whose result both kept
/// fewer than half of <c>double</c>'s 53 bits and lost an amount that finite differences can see: the operands' rounding,
/// half an ulp of the larger, above 1e-9 (differences with steps up to 1e-3 and a tolerance of 1e-5 notice a value off by
/// about 1e-8). So <c>x - x</c> of values near 1 is not noted (exact, and nothing to lose), and a difference of two
/// textually identical operands is not probed at all (the programs are pure, so it is exactly 0 in both arithmetics).
/// <para>
/// Where the copy notes one, the computed value can be far from the function the source writes: in
/// <c>s = Math.Sinh(y); s += Math.Tanh(y) * (y - s)</c> at y = 51.6, <c>y - s</c> drops y and the sum is 0 where it should
/// be 51.6. Finite differences then measure the rounded program (flat at 0), while any derivative by the chain rule, ours or
/// a tape's, is the source's (about 1). Neither is wrong about what it measures; the point cannot judge the gradient.
/// </para>
/// <para>
/// It sees only the source's own <c>+</c> and <c>-</c>: not products, not the runtime's kernels, not the adjoints. It is
/// for the call-graph programs (<c>double</c> and <c>int</c> arithmetic, compound assignments to a local or to an element
/// at a local or constant index); anything else throws <see cref="NotSupportedException"/> rather than probe a different
/// program.
/// </para>
/// </summary>
internal static class CancellationProbe
{
    /// <summary>The class the probed copies call (each batch compiles its own, and runs it on one thread).</summary>
    public const string Support =
        "#nullable enable\npublic static class CancellationProbe\n{\n"
        + "    public static string? Site;\n"
        + "    public static double Add(double a, double b, string site) => Seen(a + b, a, b, site);\n"
        + "    public static double Subtract(double a, double b, string site) => Seen(a - b, a, b, site);\n"
        + "    public static int Add(int a, int b, string site) => a + b;\n"
        + "    public static int Subtract(int a, int b, string site) => a - b;\n"
        + "    private static double Seen(double result, double a, double b, string site)\n    {\n"
        + "        double larger = System.Math.Max(System.Math.Abs(a), System.Math.Abs(b));\n"
        // 2^-26 = 1.49e-8: fewer than 27 of 53 bits left. 2^-53 = 1.11e-16: half an ulp of the larger operand.
        + "        if (Site is null && System.Math.Abs(result) < 1.4901161193847656e-8 * larger && 1.1102230246251565e-16 * larger > 1e-9)\n        {\n            Site = site;\n        }\n\n"
        + "        return result;\n    }\n}\n";

    /// <summary>The name a type of the program has in its probed copy.</summary>
    public static string ProbedName(string type) => type + "Probed";

    /// <summary>
    /// <paramref name="source"/> (a whole program, to be appended to it: its usings are left out) without attributes, each
    /// of its types renamed by <see cref="ProbedName"/> (declarations and references), and every sum and difference probed.
    /// </summary>
    /// <exception cref="NotSupportedException">A compound assignment whose target reading twice could differ from reading once.</exception>
    public static string Instrument(string source)
    {
        var root = (CompilationUnitSyntax)CSharpSyntaxTree.ParseText(source).GetRoot();
        var types = new HashSet<string>(root.DescendantNodes().OfType<TypeDeclarationSyntax>().Select(t => t.Identifier.Text));
        var prober = new Prober(types);
        return string.Concat(root.Members.Select(m => prober.Visit(m).NormalizeWhitespace().ToFullString() + "\n"));
    }

    private sealed class Prober : CSharpSyntaxRewriter
    {
        private readonly HashSet<string> types;

        public Prober(HashSet<string> types) => this.types = types;

        public override SyntaxNode? VisitAttributeList(AttributeListSyntax node) => null;

        public override SyntaxNode? VisitClassDeclaration(ClassDeclarationSyntax node) =>
            ((ClassDeclarationSyntax)base.VisitClassDeclaration(node)!).WithIdentifier(Renamed(node.Identifier));

        public override SyntaxNode? VisitStructDeclaration(StructDeclarationSyntax node) =>
            ((StructDeclarationSyntax)base.VisitStructDeclaration(node)!).WithIdentifier(Renamed(node.Identifier));

        public override SyntaxNode? VisitRecordDeclaration(RecordDeclarationSyntax node) =>
            ((RecordDeclarationSyntax)base.VisitRecordDeclaration(node)!).WithIdentifier(Renamed(node.Identifier));

        public override SyntaxNode? VisitIdentifierName(IdentifierNameSyntax node) =>
            types.Contains(node.Identifier.Text) ? node.WithIdentifier(Renamed(node.Identifier)) : node;

        public override SyntaxNode? VisitBinaryExpression(BinaryExpressionSyntax node)
        {
            var visited = (BinaryExpressionSyntax)base.VisitBinaryExpression(node)!;
            if (SyntaxFactory.AreEquivalent(node.Left, node.Right))
            {
                return visited; // the same pure expression twice: exactly 0 (or twice it) in both arithmetics
            }

            return node.Kind() switch
            {
                SyntaxKind.AddExpression => Call("Add", visited.Left, visited.Right, node),
                SyntaxKind.SubtractExpression => Call("Subtract", visited.Left, visited.Right, node),
                _ => visited,
            };
        }

        public override SyntaxNode? VisitAssignmentExpression(AssignmentExpressionSyntax node)
        {
            var visited = (AssignmentExpressionSyntax)base.VisitAssignmentExpression(node)!;
            string? probe = node.Kind() switch
            {
                SyntaxKind.AddAssignmentExpression => "Add",
                SyntaxKind.SubtractAssignmentExpression => "Subtract",
                _ => null,
            };
            if (probe is null)
            {
                return visited;
            }

            if (!ReadsTheSameTwice(node.Left))
            {
                throw new NotSupportedException($"the cancellation probe rewrites '{node}' as an assignment, which reads its target twice: it takes a local or an element at a local or constant index");
            }

            return SyntaxFactory.AssignmentExpression(SyntaxKind.SimpleAssignmentExpression, visited.Left.WithoutTrivia(), Call(probe, visited.Left, visited.Right, node));
        }

        private static bool ReadsTheSameTwice(ExpressionSyntax target) => target switch
        {
            IdentifierNameSyntax => true,
            ElementAccessExpressionSyntax access => access.Expression is IdentifierNameSyntax
                && access.ArgumentList.Arguments.All(a => a.Expression is IdentifierNameSyntax or LiteralExpressionSyntax),
            _ => false,
        };

        private SyntaxToken Renamed(SyntaxToken identifier) =>
            types.Contains(identifier.Text) ? SyntaxFactory.Identifier(ProbedName(identifier.Text)) : identifier;

        private static ExpressionSyntax Call(string probe, ExpressionSyntax left, ExpressionSyntax right, SyntaxNode site) =>
            SyntaxFactory.InvocationExpression(
                SyntaxFactory.ParseExpression("CancellationProbe." + probe),
                SyntaxFactory.ArgumentList(SyntaxFactory.SeparatedList(new[]
                {
                    SyntaxFactory.Argument(left.WithoutTrivia()),
                    SyntaxFactory.Argument(right.WithoutTrivia()),
                    SyntaxFactory.Argument(SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(site.WithoutTrivia().ToString()))),
                })));
    }
}
