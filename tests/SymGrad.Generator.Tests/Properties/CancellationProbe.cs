using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SymGrad.Generator.Tests.Properties;

/// <summary>
/// Lets the call-graph check see where a program's own arithmetic loses its value (docs/reliability.md, "Cancellation"):
/// a copy of the whole program, not differentiated, whose types are renamed (<see cref="ProbedName"/>) and in which every
/// sum and difference, and every <c>+=</c> and <c>-=</c>, goes through <c>CancellationProbe.Add</c> or <c>Subtract</c>,
/// which notes a result that lost more than half of <c>double</c>'s 53 bits to cancellation.
/// <para>
/// Where the copy notes one at a point, the computed value can be far from the function the source writes: in
/// <c>s = Math.Sinh(y); s += Math.Tanh(y) * (y - s)</c> at y = 51.6, <c>y - s</c> drops y and the sum is 0 where it should
/// be 51.6. Finite differences then measure the rounded program (flat at 0), while any derivative by the chain rule, ours or
/// a tape's, is the source's (about 1). Neither is wrong about what it measures; the point cannot judge the gradient.
/// </para>
/// <para>
/// It sees only the source's own <c>+</c> and <c>-</c>: not products, not the runtime's kernels, not the adjoints.
/// </para>
/// </summary>
internal static class CancellationProbe
{
    /// <summary>The class the probed copies call (each batch compiles its own, and runs it on one thread).</summary>
    public const string Support =
        "public static class CancellationProbe\n{\n"
        + "    public static bool Lost;\n"
        + "    public static double Add(double a, double b) => Seen(a + b, a, b);\n"
        + "    public static double Subtract(double a, double b) => Seen(a - b, a, b);\n"
        + "    public static int Add(int a, int b) => a + b;\n"
        + "    public static int Subtract(int a, int b) => a - b;\n"
        + "    private static double Seen(double result, double a, double b)\n    {\n"
        // Fewer than 27 of 53 bits left (2^-26 = 1.49e-8): the operands' own rounding, 1.1e-16 of the larger, is 1.5e-8 of the result or more.
        + "        if (System.Math.Abs(result) < 1.4901161193847656e-8 * System.Math.Max(System.Math.Abs(a), System.Math.Abs(b)))\n        {\n            Lost = true;\n        }\n\n"
        + "        return result;\n    }\n}\n";

    /// <summary>The name a type of the program has in its probed copy.</summary>
    public static string ProbedName(string type) => type + "Probed";

    /// <summary>
    /// <paramref name="source"/> (a whole program, to be appended to it: its usings are left out) without attributes, each of its types renamed by
    /// <see cref="ProbedName"/> (declarations and references), and every sum and difference probed.
    /// </summary>
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

        public override SyntaxNode? VisitClassDeclaration(ClassDeclarationSyntax node)
        {
            var visited = (ClassDeclarationSyntax)base.VisitClassDeclaration(node)!;
            return visited.WithIdentifier(SyntaxFactory.Identifier(ProbedName(node.Identifier.Text)));
        }

        public override SyntaxNode? VisitIdentifierName(IdentifierNameSyntax node) =>
            types.Contains(node.Identifier.Text) ? node.WithIdentifier(SyntaxFactory.Identifier(ProbedName(node.Identifier.Text))) : node;

        public override SyntaxNode? VisitBinaryExpression(BinaryExpressionSyntax node)
        {
            var visited = (BinaryExpressionSyntax)base.VisitBinaryExpression(node)!;
            return node.Kind() switch
            {
                SyntaxKind.AddExpression => Call("Add", visited.Left, visited.Right),
                SyntaxKind.SubtractExpression => Call("Subtract", visited.Left, visited.Right),
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

            // The target is a local or an element indexed by a local: reading it twice reads the same thing.
            return probe is null
                ? visited
                : SyntaxFactory.AssignmentExpression(SyntaxKind.SimpleAssignmentExpression, visited.Left.WithoutTrivia(), Call(probe, visited.Left, visited.Right));
        }

        private static ExpressionSyntax Call(string probe, ExpressionSyntax left, ExpressionSyntax right) =>
            SyntaxFactory.InvocationExpression(
                SyntaxFactory.ParseExpression("CancellationProbe." + probe),
                SyntaxFactory.ArgumentList(SyntaxFactory.SeparatedList(new[] { SyntaxFactory.Argument(left.WithoutTrivia()), SyntaxFactory.Argument(right.WithoutTrivia()) })));
    }
}
