using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SymGrad.Generator.Tests.Properties;

/// <summary>
/// Lets the <c>float</c> loop-program test see a program's intermediates (docs/reliability.md, "<c>float</c> methods"): a
/// copy of the <c>float</c> method, not differentiated, in which every sum, difference, product, quotient, call result
/// (of a call that returns one) and assignment passes through <c>RangeProbe.Seen</c>, which notes one that is not finite.
/// Where the copy notes one at a point, a forward intermediate is past <c>float</c>'s range there while the value may stay
/// finite (a tanh of an infinite norm is 1), and the chain rule can meet 0 x infinity: the case docs/second-order.md lists
/// under "Not covered". It does not see the adjoints, the runtime's kernels inside, or a declaration's initial value
/// (which is itself a probed expression, or a literal or a read of a probed value).
/// </summary>
internal static class FloatRangeProbe
{
    /// <summary>The class the probed copies call (each batch compiles its own, and runs it on one thread).</summary>
    public const string Support =
        "public static class RangeProbe\n{\n"
        + "    public static bool Past;\n"
        + "    public static T Seen<T>(T value)\n    {\n"
        + "        if (value is float single && !float.IsFinite(single))\n        {\n            Past = true;\n        }\n\n"
        + "        return value;\n    }\n}\n";

    /// <summary>
    /// <paramref name="method"/> (one method, as a class member) named <paramref name="name"/>, without its attributes,
    /// with every intermediate probed.
    /// </summary>
    public static string Instrument(string method, string name)
    {
        var member = (MethodDeclarationSyntax)SyntaxFactory.ParseMemberDeclaration(method)!;
        var probed = (MethodDeclarationSyntax)new Prober().Visit(member);
        return probed.WithAttributeLists(default).WithIdentifier(SyntaxFactory.Identifier(name)).NormalizeWhitespace().ToFullString() + "\n";
    }

    private sealed class Prober : CSharpSyntaxRewriter
    {
        public override SyntaxNode? VisitParameter(ParameterSyntax node) => ((ParameterSyntax)base.VisitParameter(node)!).WithAttributeLists(default);

        public override SyntaxNode? VisitBinaryExpression(BinaryExpressionSyntax node)
        {
            SyntaxNode visited = base.VisitBinaryExpression(node)!;
            return node.Kind() is SyntaxKind.AddExpression or SyntaxKind.SubtractExpression or SyntaxKind.MultiplyExpression or SyntaxKind.DivideExpression
                ? Seen((ExpressionSyntax)visited)
                : visited;
        }

        public override SyntaxNode? VisitInvocationExpression(InvocationExpressionSyntax node)
        {
            SyntaxNode visited = base.VisitInvocationExpression(node)!;
            return node.Parent is ExpressionStatementSyntax ? visited : Seen((ExpressionSyntax)visited);
        }

        public override SyntaxNode? VisitAssignmentExpression(AssignmentExpressionSyntax node) =>
            Seen((ExpressionSyntax)base.VisitAssignmentExpression(node)!);

        private static ExpressionSyntax Seen(ExpressionSyntax expression) =>
            SyntaxFactory.InvocationExpression(
                SyntaxFactory.ParseExpression("RangeProbe.Seen"),
                SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(expression.WithoutTrivia()))));
    }
}
