using System;
using System.Linq;
using System.Text;
using CsCheck;
using static SymGrad.Generator.Tests.Properties.RandomLoopProgram;

namespace SymGrad.Generator.Tests.Properties;

/// <summary>
/// Random programs whose loops stop early or stride: <c>while</c> and <c>do</c> loops stopped by the
/// data, <c>break</c> and <c>continue</c> on some paths (also in an inner loop), <c>return</c> from a
/// loop or from an inner loop, <c>for</c> conditions with a data-dependent <c>&amp;&amp;</c> test, and
/// loops stepping by 2 or 3 with <c>&lt;</c>, <c>&gt;=</c> or <c>!=</c>. They are
/// <see cref="RandomLoopProgram"/>s (same signature, rendering, points, renaming and batch check)
/// built from these blocks instead of the fixed-trip-count ones. Every loop is bounded by a counter,
/// so every program stops.
/// </summary>
public static class RandomExitLoopProgram
{
    public static Gen<RandomLoopProgram> Programs => LazyPrograms.Value;

    private static readonly Lazy<Gen<RandomLoopProgram>> LazyPrograms = new(CreateGen);

    private static (int, string)[] With((int, string)[] leaves, params (int, string)[] more) => leaves.Concat(more).ToArray();

    /// <summary>Leaves of a loop over the int counter <paramref name="n"/> (a while or do loop's own counter).</summary>
    private static (int, string)[] CounterOf(string n) => new[] { (5, "a[" + n + "]"), (2, "b[" + n + "]"), (3, "x"), (1, "0.25 * " + n) };

    /// <summary>An exit test that reads the carried scalars, so where the loop stops depends on the data.</summary>
    private static Gen<Condition> ExitTest((int, string)[] leaves) => Cond(With(leaves, (4, "s"), (2, "u")));

    private static Gen<Stmt> Jump(string jump, (int, string)[] leaves) =>
        from c in ExitTest(leaves)
        from before in Body(leaves, 1).Array[0, 1]
        select (Stmt)new IfElse(c, before.SelectMany(b => b).Append(new RawStatement(jump + ";")).ToArray(), Array.Empty<Stmt>());

    /// <summary><c>for</c> over a with a break or continue between two parts of the body.</summary>
    private static Gen<Stmt[]> JumpLoop =>
        from header in Gen.OneOf(
            "for (int i = 0; i < a.Length; i++)",
            "for (int i = a.Length - 1; i >= 0; i--)",
            "for (int i = 0; i < a.Length; i += 2)",
            "for (int i = a.Length - 1; i >= 0; i -= 3)",
            "for (int i = 1; i != 5; i += 2)",
            "for (int i = 4; i != -2; i -= 3)",
            "for (int i = 0; i <= a.Length - 1; i += 3)")
        from first in Body(CounterLeaves, 3)
        from jumps in Gen.Frequency(
            (3, Jump("break", CounterLeaves).Array[1]),
            (3, Jump("continue", CounterLeaves).Array[1]),
            (2, Gen.Select(Jump("continue", CounterLeaves), Jump("break", CounterLeaves), (p, q) => new[] { p, q })),
            (1, Gen.Const(Array.Empty<Stmt>())))
        from second in Body(CounterLeaves, 3)
        select new Stmt[] { new Loop(header, new Stmt[] { new Braced(first) }.Concat(jumps).Append(new Braced(second)).ToArray()) };

    /// <summary><c>while (n &lt; a.Length &amp;&amp; test)</c>, the test on the carried scalars.</summary>
    private static Gen<Stmt[]> WhileLoop(string n) =>
        from test in ExitTest(CounterOf(n))
        from body in Body(CounterOf(n), 4)
        from jump in Gen.Frequency((3, Gen.Const(Array.Empty<Stmt>())), (1, Jump("break", CounterOf(n)).Array[1]), (1, Jump("return s - 0.5 * u", CounterOf(n)).Array[1]))
        let condition = n + " < a.Length && (" + test.Render() + ")"
        select new Stmt[]
        {
            new RawStatement("int " + n + " = 0;"),
            new Loop("while (" + condition + ")", jump.Prepend(new Braced(body)).Append(new RawStatement(n + "++;")).ToArray()),
        };

    /// <summary><c>do { ...; n++; } while (n &lt; a.Length &amp;&amp; test);</c></summary>
    private static Gen<Stmt[]> DoLoop(string n) =>
        from test in ExitTest(CounterOf(n))
        from body in Body(CounterOf(n), 4)
        from jump in Gen.Frequency((3, Gen.Const(Array.Empty<Stmt>())), (1, Jump("continue", CounterOf(n)).Array[1]), (1, Jump("return u + x * s", CounterOf(n)).Array[1]))
        select new Stmt[]
        {
            new RawStatement("int " + n + " = 0;"),
            new DoWhile(new Stmt[] { new RawStatement(n + "++;"), new Braced(body.Select(s => Shift(s, n)).ToArray()) }.Concat(jump.Select(s => Shift(s, n))).ToArray(), n + " < a.Length && (" + test.Render().Replace(n, n + " - 1") + ")"),
        };

    /// <summary>The do body increments its counter first (so a continue cannot skip it): its reads use the counter minus one.</summary>
    private static Stmt Shift(Stmt statement, string n) => new Shifted(statement, n);

    /// <summary><c>for (int i = 0; i &lt; a.Length &amp;&amp; test; i++)</c>.</summary>
    private static Gen<Stmt[]> ConditionedFor =>
        from test in ExitTest(CounterLeaves)
        from body in Body(CounterLeaves, 3)
        select new Stmt[] { new Loop("for (int i = 0; i < a.Length && (" + test.Render() + "); i++)", body) };

    /// <summary>A return from a loop, or from the inner of two loops.</summary>
    private static Gen<Stmt[]> ReturnLoop =>
        from nested in Gen.Bool
        from body in Body(nested ? InnerLeaves : CounterLeaves, 3)
        from test in ExitTest(nested ? InnerLeaves : CounterLeaves)
        from value in Expr.Of(1, new[] { (3, "s"), (2, "u"), (2, "x"), (1, nested ? "a[j]" : "a[i]") })
        let inner = body.Append(new IfElse(test, new Stmt[] { new RawStatement("return " + value.Render() + ";") }, Array.Empty<Stmt>())).ToArray()
        select nested
            ? new Stmt[] { new Loop("for (int i = 0; i < a.Length; i++)", new Stmt[] { new Loop("for (int j = i; j < a.Length; j += 2)", inner) }) }
            : new Stmt[] { new Loop("for (int i = 0; i < a.Length; i++)", inner) };

    /// <summary>Nested loops whose inner loop breaks or continues.</summary>
    private static Gen<Stmt[]> NestedJump =>
        from header in Gen.OneOf("for (int j = 0; j < a.Length; j++)", "for (int j = i; j < a.Length; j++)", "for (int j = a.Length - 1; j > i; j -= 2)")
        from body in Body(InnerLeaves, 2)
        from jump in Gen.OneOf("break", "continue")
        from atStart in Gen.Bool
        from test in ExitTest(InnerLeaves)
        from after in Body(CounterLeaves, 2)
        let exit = new IfElse(test, new Stmt[] { new RawStatement(jump + ";") }, Array.Empty<Stmt>())
        let inner = atStart ? body.Prepend(exit).ToArray() : body.Append(exit).ToArray()
        select new Stmt[] { new Loop("for (int i = 0; i < a.Length; i++)", new Stmt[] { new Loop(header, inner), new Braced(after) }) };

    private static Gen<Stmt[]> Block(int k) => Gen.Frequency(
        (4, JumpLoop),
        (3, WhileLoop("n" + k)),
        (2, DoLoop("n" + k)),
        (2, ConditionedFor),
        (3, ReturnLoop),
        (3, NestedJump),
        (1, TopLevel));

    private static Gen<RandomLoopProgram> CreateGen()
    {
        Gen<double> coordinate = Gen.Double.OneTwo.Select(v => 2 * (v - 1.5));
        Gen<LoopPoint> point =
            from a in coordinate.Array[Length]
            from x in coordinate
            from b in coordinate.Array[Length]
            select new LoopPoint(a, x, b);
        Gen<Expr> init = Gen.OneOf("0", "x", "a[0]", "1", "0.5 * x", "b[1]").Select(t => (Expr)new Raw(t));
        Gen<Stmt[][]> blocks = Gen.Frequency(
            (2, Gen.Select(Block(0), Block(1), (p, q) => new[] { p, q })),
            (2, Gen.Select(Block(0), Block(1), Block(2), (p, q, r) => new[] { p, q, r })),
            (1, Block(0).Select(p => new[] { p })));
        return
            from s in init
            from u in init
            from body in blocks
            from ret in Expr.Of(1, new[] { (3, "s"), (2, "u"), (1, "x") })
            from points in point.Array[PointsPerProgram]
            from names in GeneratedNameCollisions.Gen
            select new RandomLoopProgram(s, u, body, ret, points, names);
    }

    /// <summary><c>{ ... }</c>: its locals are scoped to it, so two random parts of one body may both declare <c>z</c>.</summary>
    public sealed record Braced(Stmt[] Body) : Stmt
    {
        public override void Render(StringBuilder sb, int indent)
        {
            Line(sb, indent, "{");
            foreach (Stmt s in Body)
            {
                s.Render(sb, indent + 1);
            }

            Line(sb, indent, "}");
        }
    }

    /// <summary><c>do { ... } while (condition);</c></summary>
    public sealed record DoWhile(Stmt[] Body, string Condition) : Stmt
    {
        public override void Render(StringBuilder sb, int indent)
        {
            Line(sb, indent, "do");
            Line(sb, indent, "{");
            foreach (Stmt s in Body)
            {
                s.Render(sb, indent + 1);
            }

            Line(sb, indent, "}");
            Line(sb, indent, "while (" + Condition + ");");
        }
    }

    /// <summary>A statement whose reads of <c>a[n]</c>, <c>b[n]</c> and <c>n</c> read the counter minus one.</summary>
    public sealed record Shifted(Stmt Inner, string Counter) : Stmt
    {
        public override void Render(StringBuilder sb, int indent)
        {
            var inner = new StringBuilder();
            Inner.Render(inner, indent);
            sb.Append(System.Text.RegularExpressions.Regex.Replace(inner.ToString(), @"\b" + Counter + @"\b", "(" + Counter + " - 1)"));
        }
    }
}
