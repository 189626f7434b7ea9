using System.Collections.Generic;
using System.Linq;
using SymGrad.Generator.IR;
using SymGrad.Generator.Model;
using SymGrad.Generator.Normalization;

namespace SymGrad.Generator.Emission;

/// <summary>
/// Loops printed as one call of a SymGrad.Runtime vector kernel (issue 12, part 1).
/// <list type="bullet">
/// <item><b>AddScaled.</b> A loop that only adds a loop-invariant scalar times a contiguous run of one
/// array to a contiguous run of another, <c>for (j = s; j &lt; e; j++) a[p + j] += c * b[q + j]</c> (the
/// reverse sweep's <c>dw[j] += dz * x[i * n + j]</c>), becomes <c>Kernels.AddScaled(a, p + s, c, b, q + s, e - s)</c>.
/// The kernel does the same operations on every element, several at a time, so the result is the loop's,
/// bit for bit.</item>
/// <item><b>Dot.</b> A loop that only adds products of two contiguous runs to one scalar or one fixed
/// element, <c>for (j = s; j &lt; e; j++) z += a[p + j] * b[q + j]</c> (the forward sweep's
/// <c>z += w[j] * x[i * n + j]</c>), becomes <c>z += Kernels.Dot(a, p + s, b, q + s, e - s)</c>. The kernel
/// sums in its own fixed order, so this changes rounding; a method with <c>ExactSums = true</c> keeps the loop.</item>
/// </list>
/// Invariant scalars and offsets are evaluated once instead of per iteration, so they may not read an
/// array or divide (which could throw where a loop that runs no iteration would not).
/// </summary>
internal static class KernelCalls
{
    public const string AddScaledMethod = "global::SymGrad.Kernels.AddScaled";

    public const string DotMethod = "global::SymGrad.Kernels.Dot";

    /// <summary>
    /// The <c>Kernels.Dot</c> calls that can run before <paramref name="loop"/>, and what stays of the loop, or null
    /// when no statement of the loop qualifies. A statement <c>z += a[p + j] * b[q + j]</c> (or into a fixed element
    /// <c>h[u]</c>) qualifies when nothing else in the loop reads or writes its target, writes its arrays, or writes
    /// what its offsets and the loop's bounds read: then summing it whole first, and running the rest of the loop
    /// after, computes what the loop computed (up to the order of the sum). A fused forward loop
    /// (<c>s += a[i] * b[i]; da[i] += b[i];</c>) so becomes a dot product and a loop of updates.
    /// </summary>
    public static DotSplit? Dots(CodeFor loop)
    {
        string counter = loop.Counter;
        if (loop.Descending || loop.Exit is not null || !IsSafeOffset(loop.Start, counter) || !IsSafeOffset(loop.End, counter))
        {
            return null;
        }

        var dots = new List<DotCall>();
        var rest = new List<CodeStmt>();
        foreach (CodeStmt statement in loop.Body)
        {
            if (statement is CodeAddTo add && DotArguments(add, loop) is { } arguments)
            {
                dots.Add(new DotCall(add, arguments));
            }
            else
            {
                rest.Add(statement);
            }
        }

        if (dots.Count == 0 || Vectorization.LoopEffects.Of(rest) is not { } effects || effects.Writes(counter))
        {
            return null;
        }

        var targets = new HashSet<string>(dots.Select(d => d.Add.Name));
        foreach (DotCall dot in dots)
        {
            var used = new HashSet<string>(dot.Arguments.SelectMany(ExprRewriter.VariablesAndArrays));
            if (dot.Add.Index is { } index)
            {
                used.UnionWith(ExprRewriter.VariablesAndArrays(index));
            }

            if (effects.Reads(dot.Add.Name) || effects.Writes(dot.Add.Name) || used.Any(effects.Writes) || used.Overlaps(targets))
            {
                return null;
            }
        }

        if (targets.Count != dots.Count)
        {
            return null;
        }

        bool restDoesSomething = rest.Any(s => s is not CodeComment and not CodeBlankLine);
        return new DotSplit(dots, restDoesSomething ? loop with { Body = rest.ToEquatableArray() } : null);
    }

    /// <summary>The arguments of <c>Kernels.Dot</c> for one statement <c>z += a[p + j] * b[q + j]</c> of <paramref name="loop"/>, or null.</summary>
    internal static IReadOnlyList<Expr>? DotArguments(CodeAddTo add, CodeFor loop)
    {
        string counter = loop.Counter;
        if (add.Value is not Binary { Operator: BinaryOperator.Multiply, Left: ElementRead left, Right: ElementRead right }
            || left.Kind != ValueKind.Double || right.Kind != ValueKind.Double
            || left.Array == add.Name || right.Array == add.Name
            || OffsetFrom(left.Index, counter) is not { } leftOffset || OffsetFrom(right.Index, counter) is not { } rightOffset
            || (add.Index is { } target && (!IsSafeOffset(target, counter) || Reads(target, add.Name)))
            || new[] { leftOffset, rightOffset, loop.Start, loop.End }.Any(e => !IsSafeOffset(e, counter) || Reads(e, add.Name)))
        {
            return null;
        }

        Expr[] arguments =
        {
            new Variable(left.Array, ValueKind.DoubleArray),
            Sum(loop.Start, leftOffset),
            new Variable(right.Array, ValueKind.DoubleArray),
            Sum(loop.Start, rightOffset),
            loop.Start is IntConstant { Value: 0 } ? loop.End : new Binary(BinaryOperator.Subtract, loop.End, loop.Start, ValueKind.Int),
        };
        return arguments.All(FitsWhenConstant) ? arguments : null;
    }

    /// <summary>
    /// The calls of <c>Kernels.AddScaled</c> replacing <paramref name="loop"/>, one per update, or null when the loop
    /// does not qualify. A loop of several updates (<c>dw2[c * h + j] += dz * a[j]; da[j] += dz * w2[c * h + j];</c>)
    /// qualifies when each update does and they are independent: each writes its own array, which no update reads.
    /// Then running each update over the whole range in turn gives every element the loop's operations in the
    /// loop's order.
    /// </summary>
    public static IReadOnlyList<AddScaledCall>? AddScaled(CodeFor loop)
    {
        List<CodeStmt> statements = loop.Body.Where(s => s is not CodeComment and not CodeBlankLine).ToList();
        if (loop.Descending || loop.Exit is not null || statements.Count == 0
            || !IsSafeOffset(loop.Start, loop.Counter) || !IsSafeOffset(loop.End, loop.Counter))
        {
            return null;
        }

        var calls = new List<AddScaledCall>();
        foreach (CodeStmt statement in statements)
        {
            if (statement is not CodeAddTo add || AddScaledArguments(add, loop) is not { } arguments)
            {
                return null;
            }

            calls.Add(new AddScaledCall(add, arguments));
        }

        var written = new HashSet<string>(calls.Select(c => c.Add.Name));
        bool independent = written.Count == calls.Count
            && calls.All(c => !written.Overlaps(ExprRewriter.VariablesAndArrays(c.Add.Value)) && !written.Overlaps(ExprRewriter.VariablesAndArrays(c.Add.Index!)));
        return independent ? calls : null;
    }

    /// <summary>The arguments of <c>Kernels.AddScaled</c> for one update <c>a[p + j] += c * b[q + j]</c> of <paramref name="loop"/>, or null.</summary>
    private static IReadOnlyList<Expr>? AddScaledArguments(CodeAddTo add, CodeFor loop)
    {
        string counter = loop.Counter;
        if (add.Index is not { } index || OffsetFrom(index, counter) is not { } destinationOffset)
        {
            return null;
        }

        (Expr Scale, ElementRead Source)? term = add.Value switch
        {
            Binary { Operator: BinaryOperator.Multiply } b when b.Right is ElementRead r => (b.Left, r),
            Binary { Operator: BinaryOperator.Multiply } b when b.Left is ElementRead r => (b.Right, r),
            ElementRead r => (new Constant(1.0), r), // 1.0 * b[q + j] is b[q + j], bit for bit
            _ => null,
        };
        if (term is not { } found || found.Source.Array == add.Name || OffsetFrom(found.Source.Index, counter) is not { } sourceOffset
            || !IsInvariantScalar(found.Scale, counter) || !IsSafeOffset(destinationOffset, counter) || !IsSafeOffset(sourceOffset, counter))
        {
            return null;
        }

        Expr[] arguments =
        {
            new Variable(add.Name, ValueKind.DoubleArray),
            Sum(loop.Start, destinationOffset),
            found.Scale,
            new Variable(found.Source.Array, ValueKind.DoubleArray),
            Sum(loop.Start, sourceOffset),
            loop.Start is IntConstant { Value: 0 } ? loop.End : new Binary(BinaryOperator.Subtract, loop.End, loop.Start, ValueKind.Int),
        };
        return arguments.All(FitsWhenConstant) ? arguments : null;
    }

    /// <summary>
    /// False for an integer argument made of constants only whose value leaves <c>int</c>
    /// (<c>for (j = int.MaxValue; ...) w[j + 1]</c> would print <c>2147483647 + 1</c>, which C# rejects at compile time);
    /// such a loop stays a loop.
    /// </summary>
    private static bool FitsWhenConstant(Expr argument) => argument.Kind != ValueKind.Int || ConstantValue(argument) is not { } value || value is >= int.MinValue and <= int.MaxValue;

    /// <summary>The value of an integer expression of constants, +, - and *, exactly (<see cref="long.MaxValue"/> past long's range; null when it reads anything else).</summary>
    private static long? ConstantValue(Expr expr)
    {
        if (expr is IntConstant c)
        {
            return c.Value;
        }

        if (expr is not Binary { Operator: BinaryOperator.Add or BinaryOperator.Subtract or BinaryOperator.Multiply } b
            || ConstantValue(b.Left) is not { } left || ConstantValue(b.Right) is not { } right)
        {
            return null;
        }

        try
        {
            return checked(b.Operator switch
            {
                BinaryOperator.Add => left + right,
                BinaryOperator.Subtract => left - right,
                _ => left * right,
            });
        }
        catch (System.OverflowException)
        {
            return long.MaxValue;
        }
    }

    /// <summary>
    /// The part of <paramref name="index"/> besides the counter when the index is the counter plus an offset that does
    /// not read it: <c>j</c> gives 0, <c>p + j</c> gives p, <c>u * (n + 1) + j + 1</c> gives <c>u * (n + 1) + 1</c>
    /// (integer sums wrap, so any grouping has the same value); null otherwise.
    /// </summary>
    private static Expr? OffsetFrom(Expr index, string counter) => index switch
    {
        Variable v when v.Name == counter => new IntConstant(0),
        Binary { Operator: BinaryOperator.Add, Right: Variable v } b when v.Name == counter && !Reads(b.Left, counter) => b.Left,
        Binary { Operator: BinaryOperator.Add, Left: Variable v } b when v.Name == counter && !Reads(b.Right, counter) => b.Right,
        _ when Vectorization.AffineIndex.Stride(index, counter) is IntConstant { Value: 1 } && IsSafeOffset(Vectorization.AffineIndex.At(index, counter, new IntConstant(0)), counter)
            => Vectorization.AffineIndex.At(index, counter, new IntConstant(0)),
        _ => null,
    };

    private static bool Reads(Expr expr, string name) => ExprRewriter.Reads(expr, name);

    /// <summary>A double the loop does not change and whose evaluation cannot throw: variables, constants, arithmetic and math functions.</summary>
    private static bool IsInvariantScalar(Expr expr, string counter) => expr.Kind == ValueKind.Double && !Reads(expr, counter) && expr switch
    {
        Constant or Variable => true,
        Unary u => IsInvariantScalar(u.Operand, counter) || (u.Operator == UnaryOperator.ToDouble && IsSafeOffset(u.Operand, counter)),
        Binary b => IsInvariantScalar(b.Left, counter) && IsInvariantScalar(b.Right, counter),
        Call c => IsInvariantScalar(c.First, counter) && (c.Second is null || IsInvariantScalar(c.Second, counter)),
        _ => false,
    };

    /// <summary>An integer the loop does not change, computed without division or array reads (so it cannot throw).</summary>
    internal static bool IsSafeOffset(Expr expr, string counter) => !Reads(expr, counter) && expr switch
    {
        IntConstant or Variable or LengthOf => true,
        Binary { Operator: BinaryOperator.Add or BinaryOperator.Subtract or BinaryOperator.Multiply } b => IsSafeOffset(b.Left, counter) && IsSafeOffset(b.Right, counter),
        _ => false,
    };

    private static Expr Sum(Expr left, Expr right) => (left, right) switch
    {
        (IntConstant { Value: 0 }, _) => right,
        (_, IntConstant { Value: 0 }) => left,
        _ => new Binary(BinaryOperator.Add, left, right, ValueKind.Int),
    };
}

/// <summary>A statement of a loop printed as <c>{Target} += Kernels.Dot({Arguments})</c>; <see cref="Add"/> is the statement.</summary>
internal sealed record DotCall(CodeAddTo Add, IReadOnlyList<Expr> Arguments);

/// <summary>A loop's dot products, printed as calls before <see cref="Rest"/>, the loop without them (null when nothing else is left).</summary>
internal sealed record DotSplit(IReadOnlyList<DotCall> Dots, CodeFor? Rest);

/// <summary>One update of a loop printed as <c>Kernels.AddScaled({Arguments})</c>; <see cref="Add"/> is the loop's statement.</summary>
internal sealed record AddScaledCall(CodeAddTo Add, IReadOnlyList<Expr> Arguments);
