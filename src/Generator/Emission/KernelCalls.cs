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
/// <item><b>Scale.</b> A loop that only multiplies a contiguous run of one array in place by a loop-invariant
/// scalar, <c>for (j = s; j &lt; e; j++) a[p + j] = a[p + j] * c</c> (a fused sum's reverse scaling what the forward
/// loop accumulated by the sum's adjoint, <c>dw[index] = dw[index] * dTotal</c>), becomes
/// <c>Kernels.Scale(a, p + s, c, e - s)</c>: the same one multiplication per element, bit for bit.</item>
/// <item><b>AddScaledAndDot.</b> A loop split into one dot product and one update of a row the dot reads
/// (<see cref="Fused"/>) is one call, one pass over the shared row.</item>
/// </list>
/// Invariant scalars and offsets are evaluated once instead of per iteration, so they may not read an
/// array or divide (which could throw where a loop that runs no iteration would not). The scalar emitter
/// (<c>scalarEmitter: true</c>) also takes descending loops and a scale read from one array element, because it
/// prints the call under <c>if (count &gt; 0)</c> then, and matches the loop as <see cref="Canonical"/> reads it.
/// </summary>
internal static class KernelCalls
{
    public const string AddScaledMethod = "global::SymGrad.Kernels.AddScaled";

    public const string DotMethod = "global::SymGrad.Kernels.Dot";

    public const string AddScaledAndDotMethod = "global::SymGrad.Kernels.AddScaledAndDot";

    public const string ScaleMethod = "global::SymGrad.Kernels.Scale";

    /// <summary>
    /// The arguments of <c>Kernels.Scale</c> for a loop whose only statement multiplies an element in place by an
    /// invariant scalar, <c>a[p + j] = a[p + j] * c</c> or <c>c * a[p + j]</c> (the same bits), or null. Every element
    /// gets its one multiplication whatever the order, so descending loops qualify too.
    /// </summary>
    public static IReadOnlyList<Expr>? Scale(CodeFor loop)
    {
        string counter = loop.Counter;
        List<CodeStmt> statements = loop.Body.Where(s => s is not CodeComment and not CodeBlankLine).ToList();
        if (loop.Exit is not null || statements.Count != 1
            || statements[0] is not CodeAssign { Index: { } index, Value: Binary { Operator: BinaryOperator.Multiply } product } assign
            || !IsSafeOffset(loop.Start, counter) || !IsSafeOffset(loop.End, counter)
            || OffsetFrom(index, counter) is not { } offset || !IsSafeOffset(offset, counter))
        {
            return null;
        }

        bool IsTheElement(Expr e) => e is ElementRead { Kind: ValueKind.Double } read && read.Array == assign.Name && read.Index == index;
        Expr? factor = IsTheElement(product.Left) ? product.Right : IsTheElement(product.Right) ? product.Left : null;
        if (factor is null || !IsInvariantScalar(factor, counter) || Reads(factor, assign.Name))
        {
            return null;
        }

        (Expr low, Expr count) = Range(loop);
        Expr[] arguments = { new Variable(assign.Name, ValueKind.DoubleArray), Sum(low, offset), factor, count };
        return arguments.All(FitsWhenConstant) ? arguments : null;
    }

    /// <summary>
    /// The <c>Kernels.Dot</c> calls that can run before <paramref name="loop"/>, and what stays of the loop, or null
    /// when no statement of the loop qualifies. A statement <c>z += a[p + j] * b[q + j]</c> (or into a fixed element
    /// <c>h[u]</c>) qualifies when nothing else in the loop reads or writes its target, writes its arrays, or writes
    /// what its offsets and the loop's bounds read: then summing it whole first, and running the rest of the loop
    /// after, computes what the loop computed (up to the order of the sum). A fused forward loop
    /// (<c>s += a[i] * b[i]; da[i] += b[i];</c>) so becomes a dot product and a loop of updates.
    /// </summary>
    public static DotSplit? Dots(CodeFor loop, bool scalarEmitter = false)
    {
        string counter = loop.Counter;
        if ((loop.Descending && !scalarEmitter) || loop.Exit is not null || !IsSafeOffset(loop.Start, counter) || !IsSafeOffset(loop.End, counter))
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
                ExprRewriter.AddVariablesAndArrays(index, used);
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

    /// <summary>
    /// A loop's one dot product and one update by a scaled row of the same elements, <c>s += u[p + j] * w[r + j]</c> and
    /// <c>g[t + j] += c * u[p + j]</c> (the reverse of <c>a[j] += c * b[j]</c> when <c>c</c> and <c>b</c> are both active), as
    /// one <c>Kernels.AddScaledAndDot(g, t, c, u, p, w, r, count)</c>: one pass over the shared row, the bits of the two
    /// calls. Null when the split is not exactly that (its rest is matched as the scalar emitter matches it).
    /// </summary>
    public static FusedCall? Fused(DotSplit split)
    {
        if (split.Dots.Count != 1 || split.Rest is not { } rest || AddScaled(Canonical(rest), scalarEmitter: true) is not { Count: 1 } updates)
        {
            return null;
        }

        IReadOnlyList<Expr> dot = split.Dots[0].Arguments;
        IReadOnlyList<Expr> update = updates[0].Arguments;
        if (!dot[4].Equals(update[5]))
        {
            return null;
        }

        (Expr Array, Expr Start) shared = (update[3], update[4]);
        (Expr Array, Expr Start)? other = shared == (dot[0], dot[1]) ? (dot[2], dot[3]) : shared == (dot[2], dot[3]) ? (dot[0], dot[1]) : null;
        return other is { } by
            ? new FusedCall(split.Dots[0], updates[0], new[] { update[0], update[1], update[2], update[3], update[4], by.Array, by.Start, update[5] })
            : null;
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

        (Expr low, Expr count) = Range(loop);
        Expr[] arguments =
        {
            new Variable(left.Array, ValueKind.DoubleArray),
            Sum(low, leftOffset),
            new Variable(right.Array, ValueKind.DoubleArray),
            Sum(low, rightOffset),
            count,
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
    public static IReadOnlyList<AddScaledCall>? AddScaled(CodeFor loop, bool scalarEmitter = false)
    {
        List<CodeStmt> statements = loop.Body.Where(s => s is not CodeComment and not CodeBlankLine).ToList();
        if ((loop.Descending && !scalarEmitter) || loop.Exit is not null || statements.Count == 0
            || !IsSafeOffset(loop.Start, loop.Counter) || !IsSafeOffset(loop.End, loop.Counter))
        {
            return null;
        }

        var calls = new List<AddScaledCall>();
        foreach (CodeStmt statement in statements)
        {
            if (statement is not CodeAddTo add || AddScaledArguments(add, loop, scalarEmitter) is not { } arguments)
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
    private static IReadOnlyList<Expr>? AddScaledArguments(CodeAddTo add, CodeFor loop, bool scalarEmitter)
    {
        string counter = loop.Counter;
        if (add.Index is not { } index || OffsetFrom(index, counter) is not { } destinationOffset)
        {
            return null;
        }

        (Expr Scale, ElementRead Source)? term = add.Value switch
        {
            // The source is the factor that reads the counter (x * y is y * x, bit for bit).
            Binary { Operator: BinaryOperator.Multiply } b when b.Right is ElementRead r && (Reads(r.Index, counter) || b.Left is not ElementRead) => (b.Left, r),
            Binary { Operator: BinaryOperator.Multiply } b when b.Left is ElementRead r => (b.Right, r),
            ElementRead r => (new Constant(1.0), r), // 1.0 * b[q + j] is b[q + j], bit for bit
            _ => null,
        };
        if (term is not { } found || found.Source.Array == add.Name || OffsetFrom(found.Source.Index, counter) is not { } sourceOffset
            || !(IsInvariantScalar(found.Scale, counter) || (scalarEmitter && IsSafeElement(found.Scale, counter)))
            || !IsSafeOffset(destinationOffset, counter) || !IsSafeOffset(sourceOffset, counter))
        {
            return null;
        }

        (Expr low, Expr count) = Range(loop);
        Expr[] arguments =
        {
            new Variable(add.Name, ValueKind.DoubleArray),
            Sum(low, destinationOffset),
            found.Scale,
            new Variable(found.Source.Array, ValueKind.DoubleArray),
            Sum(low, sourceOffset),
            count,
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

    /// <summary>
    /// The lowest counter value and the count of a loop's iterations: <c>start</c> and <c>end - start</c> ascending,
    /// <c>end</c> and <c>start - end + 1</c> descending (a kernel runs the elements upwards; each element gets the
    /// same one operation either way, because in generated code an updated array never shares memory with an array of
    /// another name: it is a local array, a rented adjoint, or an output that <c>GradientOutputs</c> checks against
    /// every input and output).
    /// </summary>
    private static (Expr Low, Expr Count) Range(CodeFor loop) => loop.Descending
        ? (loop.End, IntegerFolding.Fold(new Binary(BinaryOperator.Add, new Binary(BinaryOperator.Subtract, loop.Start, loop.End, ValueKind.Int), new IntConstant(1), ValueKind.Int)))
        : (loop.Start, loop.Start is IntConstant { Value: 0 } ? loop.End : new Binary(BinaryOperator.Subtract, loop.End, loop.Start, ValueKind.Int));

    /// <summary>
    /// One element of an array at an index the loop does not change, <c>c[i]</c>: a scale the scalar emitter takes
    /// because it calls the kernel only when the loop runs (the read could throw where a loop without iterations would not).
    /// </summary>
    private static bool IsSafeElement(Expr expr, string counter) =>
        expr is ElementRead { Kind: ValueKind.Double } element && IsSafeOffset(element.Index, counter);

    /// <summary>Whether a kernel call reads an array element for one of its arguments (then it runs under <c>if (count &gt; 0)</c>).</summary>
    public static bool ReadsElements(IEnumerable<Expr> arguments) => arguments.Any(ExprRewriter.ReadsArrays);

    /// <summary>
    /// The loop as the scalar emitter matches it against the kernels, or the loop itself when nothing changes:
    /// an element updated in place, <c>a[x] = a[x] + e</c>, is <c>a[x] += e</c> (the same operation); and a local the
    /// body declares first from an element or variable the body does not change, and assigns nowhere else
    /// (<c>double dq = dQ[j];</c>), is read where it is used instead (the reverse triangle's
    /// <c>gIcf[l + j] += dQ[j] * c</c> and <c>s += dQ[j] * icf[l + j]</c>). Only for flat bodies of
    /// declarations, assignments and updates.
    /// </summary>
    public static CodeFor Canonical(CodeFor loop)
    {
        if (loop.Body.Any(s => s is not (CodeComment or CodeBlankLine or CodeDeclare or CodeAssign or CodeAddTo)) || Vectorization.LoopEffects.Of(loop.Body) is not { } effects)
        {
            return loop;
        }

        var body = new List<CodeStmt>();
        var forwarded = new Dictionary<string, Expr>();
        bool changed = false;
        foreach (CodeStmt statement in loop.Body)
        {
            CodeStmt current = forwarded.Count == 0 ? statement : Forward(statement, forwarded);
            if (current is CodeDeclare { Kind: ValueKind.Double, Value: ElementRead or Variable } declare
                && loop.Body.Count(s => Writes(s, declare.Name)) == 1
                && ExprRewriter.VariablesAndArrays(declare.Value).All(name => name == loop.Counter || !effects.Writes(name)))
            {
                forwarded[declare.Name] = declare.Value;
                changed = true;
                continue;
            }

            if (current is CodeAssign { Index: { } index, Value: Binary { Operator: BinaryOperator.Add } sum } assign
                && (sum.Left is ElementRead left && left.Array == assign.Name && left.Index == index ? sum.Right
                    : sum.Right is ElementRead right && right.Array == assign.Name && right.Index == index ? sum.Left : null) is { } term
                && !ExprRewriter.Reads(term, assign.Name))
            {
                current = new CodeAddTo(assign.Name, term, index);
                changed = true;
            }

            body.Add(current);
        }

        return changed ? loop with { Body = body.ToEquatableArray() } : loop;
    }

    private static bool Writes(CodeStmt statement, string name) => statement switch
    {
        CodeDeclare d => d.Name == name,
        CodeAssign a => a.Name == name,
        CodeAddTo a => a.Name == name,
        _ => false,
    };

    private static CodeStmt Forward(CodeStmt statement, Dictionary<string, Expr> forwarded)
    {
        Expr Replace(Expr expr) => ExprRewriter.Rewrite(expr, e => e is Variable v && forwarded.TryGetValue(v.Name, out Expr? value) ? value : e);
        return statement switch
        {
            CodeDeclare d => d with { Value = Replace(d.Value) },
            CodeAssign a => a with { Value = Replace(a.Value), Index = a.Index is null ? null : Replace(a.Index) },
            CodeAddTo a => a with { Value = Replace(a.Value), Index = a.Index is null ? null : Replace(a.Index) },
            _ => statement,
        };
    }

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
        _ => Shorter(new Binary(BinaryOperator.Add, left, right, ValueKind.Int)),
    };

    /// <summary>The sum folded when that drops terms (<c>i + 1 + (l - i - 1)</c> is <c>l</c>), else as written.</summary>
    private static Expr Shorter(Expr sum) => IntegerFolding.Fold(sum) is var folded && Terms(folded) < Terms(sum) ? folded : sum;

    private static int Terms(Expr expr) => expr is Binary b ? Terms(b.Left) + Terms(b.Right) : 1;
}

/// <summary>A statement of a loop printed as <c>{Target} += Kernels.Dot({Arguments})</c>; <see cref="Add"/> is the statement.</summary>
internal sealed record DotCall(CodeAddTo Add, IReadOnlyList<Expr> Arguments);

/// <summary>A loop's dot products, printed as calls before <see cref="Rest"/>, the loop without them (null when nothing else is left).</summary>
internal sealed record DotSplit(IReadOnlyList<DotCall> Dots, CodeFor? Rest);

/// <summary>A loop's dot product and update of one row, printed as <c>{Dot's target} += Kernels.AddScaledAndDot({Arguments})</c>.</summary>
internal sealed record FusedCall(DotCall Dot, AddScaledCall Update, IReadOnlyList<Expr> Arguments);

/// <summary>One update of a loop printed as <c>Kernels.AddScaled({Arguments})</c>; <see cref="Add"/> is the loop's statement.</summary>
internal sealed record AddScaledCall(CodeAddTo Add, IReadOnlyList<Expr> Arguments);
