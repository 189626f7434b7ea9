using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using CsCheck;

namespace SymGrad.Generator.Tests.Properties;

/// <summary>
/// A random program with loops over arrays, rendered as the block body of
/// <c>static double F(double[] a, double x, [NoDerivative] double[] b)</c>, plus the points at which
/// its gradient is checked. A program declares two scalars <c>s</c> and <c>u</c>, runs two to four
/// random blocks over them (accumulation loops, recurrences, descending and shifted loops, nested
/// loops, <c>foreach</c>, branches, scratch arrays written and read element-wise, taped loops filling a
/// scratch array every iteration (with a triangle walked by a running index), the vector
/// functions of <c>SymMath</c>, top-level scalar statements) and returns a combination of them.
/// Element expressions are built from every supported scalar function in the domain-safe forms of
/// <see cref="RandomExpression"/>; nonlinear recurrences are squashed so values stay moderate.
/// Programs may also take the names the generator introduces (<see cref="GeneratedNameCollisions"/>).
/// </summary>
public sealed record RandomLoopProgram(RandomLoopProgram.Expr SInit, RandomLoopProgram.Expr UInit, RandomLoopProgram.Stmt[][] Blocks, RandomLoopProgram.Expr Return, RandomLoopProgram.LoopPoint[] Points, GeneratedNameCollisions Names)
{
    public const int Length = 5;

    /// <summary>The method <c>F{index}</c>, block-bodied.</summary>
    public string Render(string name)
    {
        var sb = new StringBuilder();
        sb.Append("    [Differentiable]\n    public static double ").Append(name).Append("(double[] a, double x, [NoDerivative] double[] b)\n    {\n");
        Stmt.Line(sb, 2, "double s = " + SInit.Render() + ";");
        Stmt.Line(sb, 2, "double u = " + UInit.Render() + ";");
        foreach (Stmt[] block in Blocks)
        {
            foreach (Stmt statement in block)
            {
                statement.Render(sb, 2);
            }
        }

        Stmt.Line(sb, 2, "return s + 0.5 * u + (" + Return.Render() + ");");
        sb.Append("    }\n");
        return Names.Apply(sb.ToString());
    }

    public override string ToString() => Render("F") + string.Join("\n", Points.Select(p => p.ToString())) + "\n" + Names;

    /// <summary>Random programs with <see cref="PointsPerProgram"/> random points each.</summary>
    public static Gen<RandomLoopProgram> Programs => LazyPrograms.Value;

    private static readonly Lazy<Gen<RandomLoopProgram>> LazyPrograms = new(CreateGen);

    public const int PointsPerProgram = 2;

    // ----- contexts: which names an element expression may read -----

    private static readonly (int, string)[] TopLeaves =
    {
        (3, "s"), (2, "u"), (3, "x"), (1, "a[0]"), (1, "a[a.Length - 1]"), (1, "b[2]"),
        (1, "SymMath.Dot(a, b)"), (1, "SymMath.LogSumExp(a)"), (1, "SymMath.LogSoftmax(a, 2)"), (1, "SymMath.Dot(a, a)"),
    };

    internal static readonly (int, string)[] CounterLeaves =
    {
        (5, "a[i]"), (2, "b[i]"), (3, "x"), (1, "0.25 * i"), (1, "a[(i + 2) % a.Length]"), (1, "SymMath.LogSumExp(a)"),
    };

    /// <summary>A loop header and the names its body may read.</summary>
    private sealed record Header(string Text, (int, string)[] Leaves);

    private static readonly Header[] IndexHeaders =
    {
        new("for (int i = 0; i < a.Length; i++)", CounterLeaves),
        new("for (int i = 0; i < a.Length; i++)", CounterLeaves),
        new("for (int i = 0; i <= a.Length - 1; ++i)", CounterLeaves),
        new("for (int i = a.Length - 1; i >= 0; i--)", CounterLeaves.Append((2, "a[a.Length - 1 - i]")).ToArray()),
        new("for (int i = a.Length - 1; i > -1; i -= 1)", CounterLeaves),
        new("for (int i = 1; i < a.Length; i++)", CounterLeaves.Append((4, "a[i - 1]")).Append((1, "b[i - 1]")).ToArray()),
    };

    private static readonly Header[] ElementHeaders =
    {
        new("foreach (double v in a)", new[] { (5, "v"), (3, "x"), (1, "b[0]") }),
        new("foreach (double v in b)", new[] { (3, "v"), (3, "x"), (3, "a[1]") }),
    };

    private static readonly Header[] AnyHeaders = IndexHeaders.Concat(IndexHeaders).Concat(ElementHeaders).ToArray();

    private static readonly string[] InnerHeaders =
    {
        "for (int j = 0; j < 3; j++)",
        "for (int j = 0; j <= i; j++)",
        "for (int j = i + 1; j < a.Length; j++)",
        "for (int j = 0; j < i; j++)",
        "for (int j = a.Length - 1; j > i; j--)",
    };

    internal static readonly (int, string)[] InnerLeaves = { (3, "a[j]"), (2, "a[i]"), (1, "b[j]"), (1, "b[i]"), (2, "x"), (1, "0.5 * j") };

    private static readonly (int, string)[] Carried = { (3, "s"), (1, "u") };

    private static readonly string[] Squashes = { "Math.Tanh", "Math.Sin", "Math.Atan", "SymMath.Sigmoid", "Math.Cos" };

    private static readonly string[] Targets = { "s", "s", "u" };

    private static (int, string)[] With((int, string)[] leaves, params (int, string)[] more) => leaves.Concat(more).ToArray();

    private static Gen<Expr> E(int depth, (int, string)[] leaves) => Expr.Of(depth, leaves);

    /// <summary>A condition whose left side reads a name (never two constants: that would be unreachable code).</summary>
    internal static Gen<Condition> Cond((int, string)[] leaves) =>
        from test in CsCheck.Gen.OneOf(Condition.Tests)
        from name in CsCheck.Gen.Frequency(leaves.Select(l => (l.Item1, (IGen<Expr>)CsCheck.Gen.Const((Expr)new Leaf(l.Item2)))).ToArray())
        from f in CsCheck.Gen.OneOf("", "", "Math.Sin", "Math.Exp", "neg")
        from r in E(0, leaves)
        where f != "" || r != name
        select new Condition(test, new Unary(f, name), r);

    // ----- statements of loop bodies -----

    /// <summary><c>T += e</c>, <c>T -= e</c>, a branch of those, or a local then an addition.</summary>
    private static Gen<Stmt[]> Additive((int, string)[] leaves, string target, bool readCarried, string local)
    {
        (int, string)[] l = readCarried ? With(leaves, (1, target == "s" ? "u" : "s")) : leaves;
        Gen<Stmt[]> plus = from e in E(2, l) select new Stmt[] { new Assign(target, "+=", e) };
        Gen<Stmt[]> minus = from e in E(2, l) select new Stmt[] { new Assign(target, "-=", e) };
        Gen<Stmt[]> branch =
            from c in Cond(leaves)
            from e1 in E(2, l)
            from e2 in E(1, l)
            from op in CsCheck.Gen.OneOf("+=", "-=")
            select new Stmt[] { new IfElse(c, new Stmt[] { new Assign(target, "+=", e1) }, new Stmt[] { new Assign(target, op, e2) }) };
        Gen<Stmt[]> declared =
            from e1 in E(2, leaves)
            from f in CsCheck.Gen.OneOf("", "Math.Sin", "Math.Tanh", "SymMath.Softplus", "Math.Exp")
            from e2 in E(1, With(l, (3, local)))
            from op in CsCheck.Gen.OneOf("+=", "-=")
            select new Stmt[] { new Declare(local, e1), new Assign(target, op, new Binary("+", new Unary(f, new Leaf(local)), e2)) };
        return CsCheck.Gen.Frequency((4, plus), (2, minus), (2, branch), (2, declared));
    }

    /// <summary>A loop-carried nonlinear update of <c>T</c> that stays bounded.</summary>
    private static Gen<Stmt[]> Recurrence((int, string)[] leaves, string target)
    {
        (int, string)[] carried = With(leaves, (3, target), (1, target == "s" ? "u" : "s"));
        Gen<Stmt[]> horner = from e in E(1, leaves) select new Stmt[] { new Assign(target, "=", new Raw(target + " * x + " + e.Render())) };
        Gen<Stmt[]> tanh = from e in E(1, leaves) from w in E(0, leaves) select new Stmt[] { new Assign(target, "=", new Raw("Math.Tanh(" + target + " * " + w.Render() + " + " + e.Render() + ")")) };
        Gen<Stmt[]> max =
            from f in CsCheck.Gen.OneOf("Math.Max", "Math.Min")
            from e in E(1, leaves)
            select new Stmt[] { new Assign(target, "=", new Raw(f + "(" + target + ", " + e.Render() + ")")) };
        Gen<Stmt[]> product =
            from f in CsCheck.Gen.OneOf("Math.Cos", "SymMath.Sigmoid", "Math.Tanh")
            from e in E(1, leaves)
            select new Stmt[] { new Assign(target, "*=", new Unary(f, e)) };
        Gen<Stmt[]> squashed =
            from f in CsCheck.Gen.OneOf(Squashes)
            from e in E(2, carried)
            select new Stmt[] { new Assign(target, "=", new Unary(f, e)) };
        Gen<Stmt[]> twice =
            from e in E(1, carried)
            from f in CsCheck.Gen.OneOf(Squashes)
            select new Stmt[] { new Assign(target, "=", new Raw(e.Render() + " * " + target + " + 1")), new Assign(target, "=", new Raw(f + "(" + target + ")")) };
        Gen<Stmt[]> branch =
            from c in Cond(carried)
            from f in CsCheck.Gen.OneOf(Squashes)
            from e1 in E(2, carried)
            from e2 in E(1, leaves)
            select new Stmt[] { new IfElse(c, new Stmt[] { new Assign(target, "=", new Unary(f, e1)) }, new Stmt[] { new Assign(target, "+=", e2) }) };
        Gen<Stmt[]> ternary =
            from c in Cond(carried)
            from e1 in E(1, carried)
            from e2 in E(1, leaves)
            select new Stmt[] { new Assign(target, "=", new Raw("Math.Tanh(" + c.Render() + " ? " + e1.Render() + " : " + target + " * " + e2.Render() + ")")) };
        return CsCheck.Gen.Frequency((2, horner), (2, tanh), (2, max), (1, product), (3, squashed), (1, twice), (2, branch), (1, ternary));
    }

    /// <summary>One or two statements, each additive or a recurrence, on s or u; locals are named <c>z</c> then <c>y</c>.</summary>
    internal static Gen<Stmt[]> Body((int, string)[] leaves, int recurrenceWeight)
    {
        Gen<Stmt[]> One(string local) =>
            from target in CsCheck.Gen.OneOf(Targets)
            from carries in CsCheck.Gen.Int[0, 3]
            from statements in CsCheck.Gen.Frequency((4, Additive(leaves, target, carries == 0, local)), (recurrenceWeight, Recurrence(leaves, target)))
            select statements;
        return CsCheck.Gen.Frequency(
            (3, One("z")),
            (1, from p in One("z") from q in One("y") select p.Concat(q).ToArray()));
    }

    // ----- top-level blocks -----

    private static Gen<Stmt[]> AccumulationLoop =>
        from h in CsCheck.Gen.OneOf(AnyHeaders)
        from body in Body(h.Leaves, 0)
        select new Stmt[] { new Loop(h.Text, body) };

    private static Gen<Stmt[]> RecurrenceLoop =>
        from h in CsCheck.Gen.OneOf(AnyHeaders)
        from body in Body(h.Leaves, 6)
        select new Stmt[] { new Loop(h.Text, body) };

    private static Gen<Stmt[]> NestedLoop
    {
        get
        {
            Header outer = IndexHeaders[0];
            (int, string)[] outerLeaves = CounterLeaves;
            Gen<Stmt[]> direct =
                from inner in CsCheck.Gen.OneOf(InnerHeaders)
                from body in Body(InnerLeaves, 2)
                select new Stmt[] { new Loop(outer.Text, new Stmt[] { new Loop(inner, body) }) };
            Gen<Stmt[]> reduction =
                from inner in CsCheck.Gen.OneOf(InnerHeaders)
                from init in CsCheck.Gen.OneOf("0", "a[i]", "x")
                from e in E(2, InnerLeaves)
                from op in CsCheck.Gen.OneOf("+=", "-=", "*=")
                from target in CsCheck.Gen.OneOf(Targets)
                from f in CsCheck.Gen.OneOf("", "SymMath.Sigmoid", "Math.Sin", "Math.Tanh", "sqrt", "log")
                from recur in CsCheck.Gen.Int[0, 2]
                let use = new Unary(f, new Leaf("z")).Render()
                let update = recur == 0 ? new Assign(target, "=", new Raw("Math.Tanh(" + target + " * x + " + use + ")")) : new Assign(target, "+=", new Raw(use))
                select new Stmt[]
                {
                    new Loop(outer.Text, new Stmt[]
                    {
                        new Declare("z", new Raw(init)),
                        new Loop(inner, new Stmt[] { new Assign("z", op == "*=" ? "=" : op, op == "*=" ? new Raw("z * Math.Cos(" + e.Render() + ")") : e) }),
                        update,
                    }),
                };
            Gen<Stmt[]> mixed =
                from first in Additive(outerLeaves, "s", false, "w")
                from inner in CsCheck.Gen.OneOf(InnerHeaders)
                from body in Body(InnerLeaves, 3)
                select new Stmt[] { new Loop(outer.Text, first.Append(new Loop(inner, body)).ToArray()) };
            return CsCheck.Gen.Frequency((2, direct), (2, reduction), (1, mixed));
        }
    }

    /// <summary>A top-level scalar statement, reading the vector functions among others.</summary>
    internal static Gen<Stmt[]> TopLevel =>
        from target in CsCheck.Gen.OneOf(Targets)
        from e in E(2, TopLeaves)
        from kind in CsCheck.Gen.Int[0, 3]
        from f in CsCheck.Gen.OneOf(Squashes)
        select new Stmt[] { kind == 0 ? new Assign(target, "=", new Unary(f, e)) : new Assign(target, kind == 1 ? "-=" : "+=", e) };

    /// <summary>A local array written element-wise, transformed, then read: <c>double[] t = new double[a.Length];</c>.</summary>
    private static Gen<Stmt[]> Scratch(string t)
    {
        var declare = new RawStatement("double[] " + t + " = new double[a.Length];");
        (int, string)[] readLeaves = { (5, t + "[i]"), (2, "a[i]"), (2, "x"), (1, "b[i]") };
        Gen<Stmt> fill =
            from h in CsCheck.Gen.OneOf(IndexHeaders[0], IndexHeaders[3])
            from e in E(2, CounterLeaves)
            select (Stmt)new Loop(h.Text, new Stmt[] { new Assign(t + "[i]", "=", e) });
        Gen<Stmt> recurrentFill =
            from e in E(1, CounterLeaves)
            from target in CsCheck.Gen.OneOf(Targets)
            select (Stmt)new Loop(IndexHeaders[0].Text, new Stmt[] { new Assign(target, "=", new Raw("Math.Tanh(" + target + " * x + " + e.Render() + ")")), new Assign(t + "[i]", "=", new Raw(target)) });
        Gen<Stmt> transform = CsCheck.Gen.Frequency(
            (2, CsCheck.Gen.Const((Stmt)new Loop("for (int i = 1; i < a.Length; i++)", new Stmt[] { new Assign(t + "[i]", "+=", new Raw(t + "[i - 1]")) }))),
            // A nonlinear recurrence over the array, squashed: unsquashed, t[i] += Math.Pow(1 + t[i - 1]^2, 2 tanh(x)) grew
            // as a power of a power along the five elements (to 1e29), SymMath.Dot(t, t) subtracted and added back lost
            // everything added before it to rounding (4.7e59), and finite differences of the rounded method (1.5) disagreed
            // with the exact derivative the gradient gave (2.36280175325033, confirmed at 300 digits; seed cqR4nVRP9a42).
            (1, from e in E(1, new[] { (3, t + "[i - 1]"), (2, "a[i]"), (2, "x") })
                from f in CsCheck.Gen.OneOf(Squashes)
                select (Stmt)new Loop("for (int i = 1; i < a.Length; i++)", new Stmt[] { new Assign(t + "[i]", "+=", new Unary(f, e)) })),
            (2, from e in E(1, CounterLeaves)
                from f in CsCheck.Gen.OneOf("Math.Cos", "SymMath.Sigmoid", "")
                from star in CsCheck.Gen.Int[0, 1]
                select (Stmt)new Loop(IndexHeaders[0].Text, new Stmt[] { star == 0 ? new Assign(t + "[i]", "=", new Raw(t + "[i] * " + new Unary(f, e).Render())) : new Assign(t + "[i]", "*=", new Unary(f, e)) })),
            (1, from e in E(2, readLeaves)
                from f in CsCheck.Gen.OneOf("Math.Tanh", "Math.Sin")
                select (Stmt)new Loop(IndexHeaders[0].Text, new Stmt[] { new Assign(t + "[i]", "=", new Unary(f, e)) })),
            (1, CsCheck.Gen.Const((Stmt)new Loop("for (int i = a.Length - 2; i >= 0; i--)", new Stmt[] { new Assign(t + "[i]", "+=", new Raw("x * " + t + "[i + 1]")) }))),
            (1, from c in Cond(readLeaves)
                from e in E(1, readLeaves)
                select (Stmt)new Loop(IndexHeaders[0].Text, new Stmt[] { new IfElse(c, new Stmt[] { new Assign(t + "[i]", "=", e) }, Array.Empty<Stmt>()) })));
        Gen<Stmt[]> read = CsCheck.Gen.Frequency(
            (2, from target in CsCheck.Gen.OneOf(Targets)
                from f in CsCheck.Gen.OneOf("Math.Sin", "Math.Exp", "SymMath.Softplus", "")
                select new Stmt[] { new Loop(IndexHeaders[0].Text, new Stmt[] { new Assign(target, "+=", new Unary(f, new Leaf(t + "[i]"))) }) }),
            (3, from h in CsCheck.Gen.OneOf(IndexHeaders[0], IndexHeaders[3])
                from body in Body(readLeaves, 2)
                select new Stmt[] { new Loop(h.Text, body) }),
            (2, from target in CsCheck.Gen.OneOf(Targets)
                from call in CsCheck.Gen.OneOf($"SymMath.LogSumExp({t})", $"SymMath.Dot({t}, b)", $"SymMath.LogSoftmax({t}, 2)", $"SymMath.Dot({t}, a)", $"SymMath.Dot({t}, {t})", $"0.5 * SymMath.Dot(a, {t})")
                from op in CsCheck.Gen.OneOf("+=", "-=")
                select new Stmt[] { new Assign(target, op, new Raw(call)) }));
        Gen<Stmt[]> staged =
            from first in CsCheck.Gen.Frequency((3, fill), (1, recurrentFill))
            from transforms in transform.Array[0, 2]
            from reads in read.Array[1, 2]
            select new Stmt[] { declare, first }.Concat(transforms).Concat(reads.SelectMany(r => r)).ToArray();
        Gen<Stmt[]> sameLoop =
            from e in E(2, CounterLeaves)
            from body in Body(readLeaves, 4)
            select new Stmt[] { declare, new Loop(IndexHeaders[0].Text, new Stmt[] { new Assign(t + "[i]", "=", e) }.Concat(body).ToArray()) };
        return CsCheck.Gen.Frequency((3, staged), (2, sameLoop));
    }

    /// <summary>
    /// An outer loop carrying a recurrence (so it is taped) whose iterations fill a scratch array and then read it
    /// (GMM's per-component loop in small): filled by a loop or element by element, maybe updated in place, through
    /// a triangle walked with a running index, or in a way whose derivative reads overwritten elements, maybe read
    /// before the fill. Between them they make the reverse iteration save the array's final contents, recompute
    /// it, run the index backwards, or keep every save.
    /// </summary>
    private static Gen<Stmt[]> ComponentLoop(string q)
    {
        string each = "for (int j = 0; j < " + q + ".Length; j++)";
        (int, string)[] fillLeaves = { (3, "a[j]"), (2, "x"), (1, "s"), (1, "0.25 * i"), (1, "b[j]") };
        Gen<Stmt[]> fullFill = from e in E(2, fillLeaves) select new Stmt[] { new Loop(each, new Stmt[] { new Assign(q + "[j]", "=", e) }) };
        Gen<Stmt[]> elementFill =
            from e0 in E(1, new[] { (3, "a[0]"), (2, "x"), (1, "0.25 * i") })
            from e1 in E(1, new[] { (3, "a[1]"), (2, "x"), (2, q + "[0]") })
            select new Stmt[]
            {
                new Assign(q + "[0]", "=", e0),
                new Assign(q + "[1]", "=", e1),
                new Loop("for (int j = 2; j < " + q + ".Length; j++)", new Stmt[] { new RawStatement(q + "[j] = " + q + "[1] * a[j];") }),
            };
        Gen<Stmt[]> middle = CsCheck.Gen.Frequency(
            (2, CsCheck.Gen.Const(Array.Empty<Stmt>())),
            (2, from e in E(1, new[] { (3, "a[j]"), (2, "x") }) select new Stmt[] { new Loop(each, new Stmt[] { new Assign(q + "[j]", "=", new Raw(q + "[j] + " + e.Render())) }) }),
            (2, from reads in CsCheck.Gen.OneOf("x", q + "[j]")
                select new Stmt[]
                {
                    new RawStatement("int l = 0;"),
                    new Loop("for (int r = 1; r < " + q + ".Length; r++)", new Stmt[]
                    {
                        new Loop("for (int j = 0; j < r; j++)", new Stmt[] { new RawStatement(q + "[r] = " + q + "[r] + 0.25 * a[l % a.Length] * " + reads + ";"), new RawStatement("l++;") }),
                    }),
                }),
            (1, CsCheck.Gen.Const(new Stmt[] { new Loop(each, new Stmt[] { new RawStatement(q + "[j] = " + q + "[j] * " + q + "[j] + x;") }) })));
        Gen<Stmt[]> before = CsCheck.Gen.Frequency((4, CsCheck.Gen.Const(Array.Empty<Stmt>())), (1, CsCheck.Gen.Const(new Stmt[] { new RawStatement("s = s + 0.25 * " + q + "[1];") })));
        return
            from first in before
            from fill in CsCheck.Gen.Frequency((2, fullFill), (1, elementFill))
            from then in middle
            select new Stmt[]
            {
                new RawStatement("double[] " + q + " = new double[a.Length];"),
                new Loop("for (int i = 0; i < 3; i++)", first.Concat(fill).Concat(then).Concat(new Stmt[]
                {
                    new RawStatement("double norm = 0;"),
                    new Loop(each, new Stmt[] { new RawStatement("norm += " + q + "[j] * " + q + "[j];") }),
                    new RawStatement("s = Math.Tanh(s * x + 0.1 * norm);"),
                }).ToArray()),
            };
    }

    /// <summary><c>SymMath.Softmax</c> into a local array, then a loop reading it.</summary>
    private static Gen<Stmt[]> Softmax(string p) =>
        from source in CsCheck.Gen.OneOf("a", "b")
        from body in Body(new[] { (5, p + "[i]"), (2, "a[i]"), (2, "x") }, 1)
        select new Stmt[]
        {
            new RawStatement("double[] " + p + " = new double[a.Length];"),
            new RawStatement("SymMath.Softmax(" + source + ", " + p + ");"),
            new Loop(IndexHeaders[0].Text, body),
        };

    /// <summary>
    /// A top-level branch whose local is named like the loop counters of the other blocks: the
    /// generated method declares it before the <c>if</c>, where it must not clash with a later counter.
    /// </summary>
    private static Gen<Stmt[]> BranchLocalNamedLikeACounter =>
        from c in Cond(TopLeaves)
        from e in E(1, TopLeaves)
        from target in CsCheck.Gen.OneOf(Targets)
        from f in CsCheck.Gen.OneOf(Squashes)
        select new Stmt[] { new IfElse(c, new Stmt[] { new Declare("i", e), new Assign(target, "+=", new Unary(f, new Leaf("i"))) }, Array.Empty<Stmt>()) };

    private static Gen<Stmt[]> Block(int k) => CsCheck.Gen.Frequency(
        (1, BranchLocalNamedLikeACounter),
        (4, AccumulationLoop),
        (4, RecurrenceLoop),
        (3, NestedLoop),
        (2, TopLevel),
        (3, Scratch(k == 0 ? "t" : "t" + k)),
        (2, ComponentLoop("q" + k)),
        (1, Softmax("p" + k)));

    private static Gen<RandomLoopProgram> CreateGen()
    {
        // Uniform in (-1, 1): no special values, so no point sits exactly on a kink (Abs at 0, a Max tie).
        Gen<double> coordinate = CsCheck.Gen.Double.OneTwo.Select(v => 2 * (v - 1.5));
        Gen<LoopPoint> point =
            from a in coordinate.Array[Length]
            from x in coordinate
            from b in coordinate.Array[Length]
            select new LoopPoint(a, x, b);
        Gen<Expr> init = CsCheck.Gen.OneOf("0", "x", "a[0]", "1", "0.5 * x", "b[1]").Select(t => (Expr)new Raw(t));
        Gen<Stmt[][]> blocks = CsCheck.Gen.Frequency(
            (2, CsCheck.Gen.Select(Block(0), Block(1), (p, q) => new[] { p, q })),
            (3, CsCheck.Gen.Select(Block(0), Block(1), Block(2), (p, q, r) => new[] { p, q, r })),
            (1, CsCheck.Gen.Select(Block(0), Block(1), Block(2), Block(3), (p, q, r, w) => new[] { p, q, r, w })));
        return
            from s in init
            from u in init
            from body in blocks
            from ret in E(1, new[] { (3, "s"), (2, "u"), (1, "x") })
            from points in point.Array[PointsPerProgram]
            from names in GeneratedNameCollisions.Gen
            select new RandomLoopProgram(s, u, body, ret, points, names);
    }

    /// <summary>Arguments of one gradient check.</summary>
    public sealed record LoopPoint(double[] A, double X, double[] B)
    {
        public override string ToString() =>
            "a = { " + string.Join(", ", A.Select(v => v.ToString("R", CultureInfo.InvariantCulture))) + " }, x = " + X.ToString("R", CultureInfo.InvariantCulture)
            + ", b = { " + string.Join(", ", B.Select(v => v.ToString("R", CultureInfo.InvariantCulture))) + " }";
    }

    /// <summary>A statement of a random loop program.</summary>
    public abstract record Stmt
    {
        public abstract void Render(StringBuilder sb, int indent);

        internal static void Line(StringBuilder sb, int indent, string text) => sb.Append(' ', 4 * indent).Append(text).Append('\n');
    }

    /// <summary><c>target op value;</c> (op one of = += -= *=).</summary>
    public sealed record Assign(string Target, string Operator, Expr Value) : Stmt
    {
        public override void Render(StringBuilder sb, int indent) => Line(sb, indent, Target + " " + Operator + " " + Value.Render() + ";");
    }

    /// <summary><c>double name = value;</c></summary>
    public sealed record Declare(string Name, Expr Value) : Stmt
    {
        public override void Render(StringBuilder sb, int indent) => Line(sb, indent, "double " + Name + " = " + Value.Render() + ";");
    }

    /// <summary>A fixed statement.</summary>
    public sealed record RawStatement(string Text) : Stmt
    {
        public override void Render(StringBuilder sb, int indent) => Line(sb, indent, Text);
    }

    /// <summary>A fixed expression.</summary>
    public sealed record Raw(string Text) : Expr
    {
        public override string Render() => Text;
    }

    public sealed record IfElse(Condition Test, Stmt[] Then, Stmt[] Else) : Stmt
    {
        public override void Render(StringBuilder sb, int indent)
        {
            Line(sb, indent, "if (" + Test.Render() + ")");
            Line(sb, indent, "{");
            foreach (Stmt s in Then)
            {
                s.Render(sb, indent + 1);
            }

            Line(sb, indent, "}");
            if (Else.Length > 0)
            {
                Line(sb, indent, "else");
                Line(sb, indent, "{");
                foreach (Stmt s in Else)
                {
                    s.Render(sb, indent + 1);
                }

                Line(sb, indent, "}");
            }
        }
    }

    /// <summary>A loop with its header text (<c>for (...)</c> or <c>foreach (...)</c>).</summary>
    public sealed record Loop(string Header, Stmt[] Body) : Stmt
    {
        public override void Render(StringBuilder sb, int indent)
        {
            Line(sb, indent, Header);
            Line(sb, indent, "{");
            foreach (Stmt s in Body)
            {
                s.Render(sb, indent + 1);
            }

            Line(sb, indent, "}");
        }
    }

    public sealed record Condition(string Test, Expr A, Expr B)
    {
        public static readonly string[] Tests = { "<", ">", "<=", ">=", "&&", "||", "!" };

        public string Render()
        {
            string a = A.Render();
            string b = B.Render();
            return Test switch
            {
                "&&" => $"{a} > 0 && {b} < 0.5",
                "||" => $"{a} < -0.5 || {b} > 0.5",
                "!" => $"!({a} <= {b})",
                _ => $"{a} {Test} {b}",
            };
        }
    }

    /// <summary>An element expression (the scalar operations of <see cref="RandomExpression"/> over named leaves).</summary>
    public abstract record Expr
    {
        public abstract string Render();

        private static readonly string[] UnaryFunctions =
        {
            "neg", "Math.Exp", "log", "sqrt", "pow2", "pow3", "powHalf", "Math.Sin", "Math.Cos", "Math.Tan", "Math.Atan", "Math.Sinh", "Math.Cosh", "Math.Tanh", "Math.Abs", "SymMath.Sigmoid", "SymMath.Softplus", "SymMath.Relu",
        };

        private static readonly string[] BinaryOperators = { "+", "-", "*", "/", "pow", "max", "min" };

        /// <summary>Expressions of at most <paramref name="depth"/> levels over the weighted leaves.</summary>
        public static Gen<Expr> Of(int depth, (int Weight, string Text)[] leaves)
        {
            Gen<Expr> leaf = CsCheck.Gen.Frequency(
                leaves.Select(l => (l.Weight, (IGen<Expr>)CsCheck.Gen.Const((Expr)new Leaf(l.Text))))
                    .Append((2, CsCheck.Gen.Int[-20, 20].Select(i => (Expr)new Literal(i / 8.0))))
                    .ToArray());
            if (depth == 0)
            {
                return leaf;
            }

            Gen<Expr> inner = Of(depth - 1, leaves);
            Gen<Expr> unary =
                from f in CsCheck.Gen.OneOf(UnaryFunctions)
                from a in inner
                select (Expr)new Unary(f, a);
            Gen<Expr> binary =
                from op in CsCheck.Gen.OneOf(BinaryOperators)
                from l in inner
                from r in inner
                select (Expr)new Binary(op, l, r);
            Gen<Expr> conditional =
                from test in CsCheck.Gen.OneOf(Condition.Tests)
                from a in leaf
                from b in leaf
                where a != b
                from t in inner
                from f in inner
                select (Expr)new Conditional(new Condition(test, a, b), t, f);
            return CsCheck.Gen.Frequency((2, leaf), (4, unary), (5, binary), (1, conditional));
        }
    }

    public sealed record Leaf(string Text) : Expr
    {
        public override string Render() => Text;
    }

    public sealed record Literal(double Value) : Expr
    {
        public override string Render() => Value.ToString("0.0##", CultureInfo.InvariantCulture);
    }

    /// <summary>A function application; <c>""</c> is the identity.</summary>
    public sealed record Unary(string Function, Expr Argument) : Expr
    {
        public override string Render() => DomainSafeForms.Unary(Function, Argument.Render());
    }

    public sealed record Binary(string Operator, Expr Left, Expr Right) : Expr
    {
        public override string Render() => DomainSafeForms.Binary(Operator, Left.Render(), Right.Render());
    }

    public sealed record Conditional(Condition Test, Expr WhenTrue, Expr WhenFalse) : Expr
    {
        public override string Render() => $"(({Test.Render()}) ? ({WhenTrue.Render()}) : ({WhenFalse.Render()}))";
    }
}
