using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using SymGrad.Generator.Diagnostics;
using SymGrad.Generator.IR;
using SymGrad.Generator.Model;

namespace SymGrad.Generator.Lowering;

/// <summary>
/// Binary operators, lowered so that the gradient's forward sweep evaluates exactly what C# evaluates,
/// in C#'s order, and so that no pass ever recurses deeper than a fixed bound:
/// <list type="bullet">
/// <item><c>a &amp;&amp; b</c> and <c>a || b</c> whose right side needs statements of its own (a
/// conditional, say) become <c>t = a; if (t) { ...; t = b; }</c>: the right side runs only when C#
/// would run it.</item>
/// <item>When lowering a right operand adds statements before the current one, a left operand that
/// can throw (an element read, an integer division) is first stored in a temporary, so it is still
/// evaluated first.</item>
/// <item>Chains along the left (<c>a + b + c + ...</c>, however long) are walked with a loop, not by
/// recursion; any expression deeper than <see cref="MaxIrDepth"/> is split into temporaries, so every
/// IR expression stays shallow and every later pass (SSA, differentiation, simplification, printing)
/// works in time and stack linear in the method. Nesting deeper than <see cref="MaxNesting"/>
/// through parentheses or calls is SYMGRAD0020.</item>
/// </list>
/// </summary>
internal sealed partial class BodyLowerer
{
    /// <summary>How deep lowering may recurse into the user's expression (nesting through parentheses and calls).</summary>
    internal const int MaxNesting = 200;

    /// <summary>IR expressions deeper than this are split into temporaries.</summary>
    internal const int MaxIrDepth = 24;

    private readonly Dictionary<Expr, int> depths = new(ReferenceComparer.Instance);
    private int nesting;
    private bool reportedTooDeep;

    private Expr LowerBinary(IBinaryOperation binary)
    {
        if (binary.OperatorKind is BinaryOperatorKind.ConditionalAnd or BinaryOperatorKind.ConditionalOr)
        {
            return LowerShortCircuit(binary);
        }

        // Walk down the left spine iteratively: a + b + c + ... is ((a + b) + c) + ...
        var spine = new List<IBinaryOperation> { binary };
        IOperation leftmost = binary.LeftOperand;
        while (leftmost is IBinaryOperation inner && !inner.ConstantValue.HasValue && IsSupportedArithmetic(inner)
            && inner.OperatorKind is not (BinaryOperatorKind.ConditionalAnd or BinaryOperatorKind.ConditionalOr))
        {
            spine.Add(inner);
            leftmost = inner.LeftOperand;
        }

        Expr left = LowerExpression(leftmost);
        for (int i = spine.Count - 1; i >= 0; i--)
        {
            cancellationToken.ThrowIfCancellationRequested();
            IBinaryOperation node = spine[i];
            if (!IsSupportedArithmetic(node))
            {
                Report(DiagnosticDescriptors.UnsupportedExpression, node.Syntax, "The operator in '" + OneLine(node.Syntax) + "'");
                return Invalid;
            }

            int mark = current.Count;
            Expr right = LowerExpression(node.RightOperand);
            left = KeepFirst(left, mark);
            left = Bounded(new Binary(BinaryOperatorOf(node.OperatorKind)!.Value, left, right, MethodLowerer.KindOf(node.Type!)!.Value));
        }

        return left;
    }

    private bool IsSupportedArithmetic(IBinaryOperation binary) =>
        binary.OperatorMethod is null
        && BinaryOperatorOf(binary.OperatorKind) is { } op
        && binary.Type is not null && MethodLowerer.KindOf(binary.Type) is { } kind
        && IsArithmetic(op, kind);

    /// <summary>
    /// <c>a &amp;&amp; b</c> / <c>a || b</c>: the right side runs only when C# runs it. A chain
    /// (<c>a &amp;&amp; b &amp;&amp; c ...</c>, nested along the left) is walked with a loop, like arithmetic chains.
    /// </summary>
    private Expr LowerShortCircuit(IBinaryOperation binary)
    {
        var spine = new List<IBinaryOperation> { binary };
        IOperation leftmost = binary.LeftOperand;
        while (leftmost is IBinaryOperation inner && !inner.ConstantValue.HasValue && inner.OperatorMethod is null
            && inner.OperatorKind is BinaryOperatorKind.ConditionalAnd or BinaryOperatorKind.ConditionalOr)
        {
            spine.Add(inner);
            leftmost = inner.LeftOperand;
        }

        Expr left = LowerExpression(leftmost);
        for (int i = spine.Count - 1; i >= 0; i--)
        {
            cancellationToken.ThrowIfCancellationRequested();
            left = Bounded(LowerShortCircuitStep(spine[i], left));
        }

        return left;
    }

    private Expr LowerShortCircuitStep(IBinaryOperation binary, Expr left)
    {
        bool isAnd = binary.OperatorKind == BinaryOperatorKind.ConditionalAnd;
        List<Stmt> saved = current;
        current = new List<Stmt>();
        Expr right = LowerExpression(binary.RightOperand);
        List<Stmt> rightStatements = current;
        current = saved;
        if (rightStatements.Count == 0)
        {
            return new Binary(isAnd ? BinaryOperator.And : BinaryOperator.Or, left, right, ValueKind.Bool);
        }

        string both = names.Allocate(isAnd ? "both" : "either");
        var note = new SourceNote(OneLine(binary.Syntax), LineOf(binary.Syntax));
        current.Add(new AssignStatement(both, left, note));
        rightStatements.Add(new AssignStatement(both, right, note));
        var flag = new Variable(both, ValueKind.Bool);
        EquatableArray<Stmt> evaluated = rightStatements.ToEquatableArray();
        current.Add(isAnd
            ? new IfStatement(flag, evaluated, EquatableArray<Stmt>.Empty, note)
            : new IfStatement(flag, EquatableArray<Stmt>.Empty, evaluated, note));
        return flag;
    }

    /// <summary>
    /// When lowering what follows <paramref name="first"/> added statements after position
    /// <paramref name="mark"/>, those statements run before <paramref name="first"/> would: if it can
    /// throw, it is stored in a temporary before them, keeping C#'s order of evaluation.
    /// </summary>
    private Expr KeepFirst(Expr first, int mark, bool always = false)
    {
        if ((current.Count == mark && !always) || !MayThrow(first))
        {
            return first;
        }

        string name = names.Allocate(first.Kind == ValueKind.Double ? "operand" : first.Kind == ValueKind.Int ? "index" : "test");
        current.Insert(mark, new AssignStatement(name, first, SourceNote.None));
        return new Variable(name, first.Kind);
    }

    /// <summary>Stores <paramref name="expr"/> in a temporary at the end of the current block when it can throw.</summary>
    private Expr StoreIfMayThrow(Expr expr) => MayThrow(expr) ? KeepFirst(expr, current.Count, always: true) : expr;

    /// <summary>Whether evaluating <paramref name="expr"/> can throw: element reads, integer division, array functions.</summary>
    private static bool MayThrow(Expr expr) => expr switch
    {
        ElementRead or MatrixRead or VectorCall or UserCall => true,
        Binary { Operator: BinaryOperator.Divide or BinaryOperator.Remainder, Kind: ValueKind.Int } => true,
        Unary u => MayThrow(u.Operand),
        Binary b => MayThrow(b.Left) || MayThrow(b.Right),
        Call c => MayThrow(c.First) || (c.Second is not null && MayThrow(c.Second)),
        IntCall c => MayThrow(c.First) || (c.Second is not null && MayThrow(c.Second)),
        Select s => MayThrow(s.Condition) || MayThrow(s.WhenTrue) || MayThrow(s.WhenFalse),
        _ => false,
    };

    /// <summary>Splits <paramref name="expr"/> into a temporary when it is deeper than <see cref="MaxIrDepth"/>.</summary>
    private Expr Bounded(Expr expr)
    {
        int depth = DepthOf(expr);
        if (depth <= MaxIrDepth)
        {
            return expr;
        }

        string name = names.Allocate(expr.Kind == ValueKind.Double ? "part" : expr.Kind == ValueKind.Int ? "count" : "test");
        current.Add(new AssignStatement(name, expr, SourceNote.None));
        var part = new Variable(name, expr.Kind);
        depths[part] = 1;
        return part;
    }

    private int DepthOf(Expr expr)
    {
        if (depths.TryGetValue(expr, out int known))
        {
            return known;
        }

        int depth = 1 + expr switch
        {
            Unary u => DepthOf(u.Operand),
            Binary b => System.Math.Max(DepthOf(b.Left), DepthOf(b.Right)),
            Call c => c.Second is null ? DepthOf(c.First) : System.Math.Max(DepthOf(c.First), DepthOf(c.Second)),
            IntCall c => c.Second is null ? DepthOf(c.First) : System.Math.Max(DepthOf(c.First), DepthOf(c.Second)),
            UserCall u => u.Arguments.Count == 0 ? 0 : System.Linq.Enumerable.Max(u.Arguments, DepthOf),
            ElementRead r => DepthOf(r.Index),
            MatrixRead m => System.Math.Max(DepthOf(m.Row), DepthOf(m.Column)),
            _ => 0,
        };
        depths[expr] = depth;
        return depth;
    }

    private void ReportTooDeep(IOperation operation) =>
        ReportTooDeep(operation, "This expression nests operations more than " + MaxNesting.ToString(System.Globalization.CultureInfo.InvariantCulture) + " levels deep; split it into local variables (long chains such as 'a + b + c + ...' are fine: only nesting inside parentheses, calls or conditionals counts)");

    private void ReportTooDeep(IOperation operation, string what)
    {
        if (!reportedTooDeep)
        {
            reportedTooDeep = true;
            diagnostics.Add(DiagnosticDescriptors.ExpressionTooDeep, operation.Syntax.GetLocation(), what);
        }
    }
}
