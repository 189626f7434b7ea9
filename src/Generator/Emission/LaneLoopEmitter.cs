using System.Collections.Generic;
using System.Linq;
using SymGrad.Generator.IR;
using SymGrad.Generator.Normalization;

namespace SymGrad.Generator.Emission;

/// <summary>
/// Prints an element-wise loop (<see cref="CodeLaneLoop"/>): in a block of its own, the counter declared once, a loop
/// over <c>Lanes.Count</c> elements at a time (<c>Lanes.SingleCount</c> in a <c>float</c> method) whose statements are
/// the body's with <c>Vector512</c> locals of the method's precision, element runs read and written through <c>Lanes.Load</c> and <c>Lanes.Store</c>, and values the same for
/// every lane made with <c>Vector512.Create</c>, and the body's comments that tie its statements to their source lines;
/// then the loop as written for the last elements. A sum into the
/// enclosing code is kept in a <c>Vector512</c> accumulator, -0.0 before the vector loop, and added to its target with
/// <c>Lanes.Sum</c> after it, before the last elements, when the vector loop ran (an element the loop indexes may be
/// outside its array when the loop runs no iteration). A local whose softplus and sigmoid the body both takes
/// (<see cref="LanePair"/>) gets one <c>SymMath.Softplus(z, out sigmoid)</c> before the first statement that takes either.
/// </summary>
internal static class LaneLoopEmitter
{
    private const string Vector = "global::System.Runtime.Intrinsics.Vector512";
    private const string Lanes = "global::SymGrad.Lanes";

    /// <summary>The arrays the loop adds to at more than one run (<c>dx[i] += a; dx[i + 1] += b;</c>), in the body's order.</summary>
    private static List<string> AddsAtSeveralRuns(CodeFor loop) => loop.Body
        .OfType<CodeAddTo>()
        .Where(add => add.Index is not null && ExprRewriter.Reads(add.Index, loop.Counter))
        .GroupBy(add => add.Name)
        .Where(group => group.Select(add => add.Index).Distinct().Count() > 1)
        .Select(group => group.Key)
        .ToList();

    public static void Write(IndentedWriter writer, ExpressionPrinter printer, CodeLaneLoop lanes)
    {
        CodeFor loop = lanes.Loop;
        string j = loop.Counter;
        bool single = printer.Real.Precision == Model.Precision.Single;
        string count = Lanes + (single ? ".SingleCount" : ".Count");
        string vectorType = Vector + "<" + printer.Real.Keyword + ">";
        int last = single ? 15 : 7;
        string end = printer.Print(IntegerFolding.Fold(loop.End));
        var locals = new HashSet<string>(lanes.Locals);
        string start = printer.Print(IntegerFolding.Fold(loop.Start));
        string header = loop.Descending
            ? "for (int " + j + " = " + start + "; " + j + " >= " + end + "; " + j + "--)"
            : "for (int " + j + " = " + start + "; " + j + " < " + end + "; " + j + "++)";
        writer.Line("// " + header + ": " + (single ? "Lanes.SingleCount" : "Lanes.Count") + " elements at a time" + (loop.Descending ? " from the top (lane l holds element " + j + " - " + last + " + l)" : string.Empty)
            + ", then one at a time (the vector exp and log may differ from Math's in the last bits"
            + (lanes.Sums.Count > 0 ? ", and sums add their lanes in Lanes.Sum's fixed order" : string.Empty)
            + (AddsAtSeveralRuns(loop) is { Count: > 0 } arrays ? "; the adds into " + string.Join(" and ", arrays) + " at several runs reach an element in another order" : string.Empty)
            + "; ExactSums = true keeps the loop).");
        writer.Open();
        writer.Line("int " + j + " = " + start + ";");
        var sums = new Dictionary<(string, Expr?), string>();
        foreach (LaneSum sum in lanes.Sums)
        {
            // From -0.0, which adding leaves every value as it is (a sum of no lanes then leaves even a -0.0 target's sign).
            writer.Line(vectorType + " " + sum.Accumulator + " = " + Vector + ".Create(" + (single ? "-0.0f" : "-0.0") + ");");
            sums[(sum.Target, sum.Index)] = sum.Accumulator;
        }

        writer.Line(loop.Descending
            ? "for (; (long)" + j + " - (" + count + " - 1) >= " + end + "; " + j + " -= " + count + ")"
            : "for (; (long)" + j + " + " + count + " <= " + end + "; " + j + " += " + count + ")");
        writer.Open();
        Expr laneZero = loop.Descending ? new Binary(BinaryOperator.Subtract, new Variable(j, ValueKind.Int), new IntConstant(last), ValueKind.Int) : new Variable(j, ValueKind.Int);
        string Index(Expr index) => printer.Print(Vectorization.AffineIndex.At(index, j, laneZero));
        var print = new LanePrinter(printer, j, locals, Index, single);
        var pairsToDeclare = lanes.Pairs.ToList();
        for (int i = 0; i < loop.Body.Count; i++)
        {
            CodeStmt statement = loop.Body[i];
            if (statement is CodeComment comment)
            {
                // The comments that tie each block to the source line it differentiates, as the loop below has them.
                if (GradientEmitter.DescribesCode(loop.Body, i))
                {
                    writer.Line("// " + comment.Text);
                }

                continue;
            }

            if (statement is CodeBlankLine)
            {
                writer.BlankLine();
                continue;
            }

            foreach (LanePair pair in pairsToDeclare.Where(pair => Vectorization.SoftplusPairs.TakesEither(statement, pair.Argument)).ToList())
            {
                // Its softplus and its sigmoid from one exp (the same bits as the two calls).
                writer.Line(vectorType + " " + pair.Softplus + " = global::SymGrad.SymMath.Softplus(" + pair.Argument + ", out " + vectorType + " " + pair.Sigmoid + ");");
                print.Declared(pair);
                pairsToDeclare.Remove(pair);
            }

            string? line = statement switch
            {
                CodeDeclare d => vectorType + " " + d.Name + " = " + print.Lanes(d.Value) + ";",
                CodeAssign { Index: null } a => a.Name + " = " + print.Lanes(a.Value) + ";",
                CodeAddTo a when sums.TryGetValue((a.Name, a.Index), out string? accumulator) => accumulator + " += " + print.Lanes(a.Value) + ";",
                CodeAddTo { Index: null } a => a.Name + " += " + print.Lanes(a.Value) + ";",
                CodeAssign { Index: { } index } a => Lanes + ".Store(" + a.Name + ", " + Index(index) + ", " + print.Lanes(a.Value) + ");",
                CodeAddTo { Index: { } index } a => Lanes + ".Store(" + a.Name + ", " + Index(index) + ", " + Lanes + ".Load(" + a.Name + ", " + Index(index) + ") + " + print.Lanes(a.Value) + ");",
                CodeTiledDot dot => dot.Sum.Name + " += " + Lanes + ".Load(" + dot.Span + ", " + Index(dot.Index) + ");",
                CodeDeferredUpdate update => Lanes + ".Store(" + update.Span + ", " + Index(update.Index) + ", " + print.Lanes(update.Scale) + ");",
                CodeTapePush push => printer.TapeName + ".Push(" + print.Lanes(push.Value) + ");",
                _ => null,
            };
            if (line is not null)
            {
                writer.Line(line);
            }
        }

        writer.Close();
        if (lanes.Sums.Count > 0)
        {
            // Only when the vector loop ran: the loop as written never touches a sum's element when it runs no iteration.
            writer.Line("if (" + j + " != " + start + ")");
            writer.Open();
            foreach (LaneSum sum in lanes.Sums)
            {
                writer.Line(GradientEmitter.Target(printer, sum.Target, sum.Index) + " += " + Lanes + ".Sum(" + sum.Accumulator + ");");
            }

            writer.Close();
        }

        writer.BlankLine();
        writer.Line(loop.Descending ? "for (; " + j + " >= " + end + "; " + j + "--)" : "for (; " + j + " < " + end + "; " + j + "++)");
        writer.Open();
        GradientEmitter.WriteBlock(writer, printer, loop.Body);
        writer.Close();
        writer.Close();
    }

    /// <summary>
    /// The function a call of one argument prints in lanes: exp and log as <c>Lanes.Exp</c> and <c>Lanes.Log</c>, inlined
    /// where the machine has AVX-512 (<c>Vector512.Exp</c> is a call that passes its vectors through the stack, and its
    /// <c>float</c> form computes in <c>double</c>), the others as <c>Vector512</c>'s.
    /// </summary>
    internal static string Function(MathFunction function) =>
        (function is MathFunction.Exp or MathFunction.Log ? Lanes : Vector) + "." + function;

    /// <summary>The C# operator of a real arithmetic operator, for vector operands.</summary>
    internal static string Symbol(BinaryOperator op) => op switch
    {
        BinaryOperator.Add => "+",
        BinaryOperator.Subtract => "-",
        BinaryOperator.Multiply => "*",
        _ => "/",
    };

    private sealed class LanePrinter
    {
        private readonly ExpressionPrinter printer;
        private readonly string counter;
        private readonly HashSet<string> locals;
        private readonly System.Func<Expr, string> index;
        private readonly bool single;
        private readonly Dictionary<(MathFunction, string), string> paired = new();

        public LanePrinter(ExpressionPrinter printer, string counter, HashSet<string> locals, System.Func<Expr, string> index, bool single)
        {
            this.single = single;
            this.printer = printer;
            this.counter = counter;
            this.locals = locals;
            this.index = index;
        }

        /// <summary>From here on, the pair's calls print as its locals.</summary>
        public void Declared(LanePair pair)
        {
            paired[(MathFunction.Softplus, pair.Argument)] = pair.Softplus;
            paired[(MathFunction.Sigmoid, pair.Argument)] = pair.Sigmoid;
        }

        public string Lanes(Expr expr)
        {
            if (IsUniform(expr))
            {
                return Vector + ".Create(" + printer.Print(expr) + ")";
            }

            return expr switch
            {
                Variable v => v.Name,
                ElementRead r => LaneLoopEmitter.Lanes + ".Load(" + r.Array + ", " + index(r.Index) + ")",
                TapePop => printer.TapeName + (single ? ".PopSingleLanes()" : ".PopLanes()"),
                Binary b => Operand(b.Left) + " " + Symbol(b.Operator) + " " + Operand(b.Right),
                Unary u => "-" + Operand(u.Operand),
                Call { Function: MathFunction.Sigmoid or MathFunction.Softplus, First: Variable v } c when paired.TryGetValue((c.Function, v.Name), out string? local) => local,
                Call { Function: MathFunction.Sigmoid or MathFunction.Softplus } c => "global::SymGrad.SymMath." + c.Function + "(" + Lanes(c.First) + ")",
                Call c => Function(c.Function) + "(" + Lanes(c.First) + ")",
                _ => throw new System.InvalidOperationException("ElementwiseLoops accepted an expression the lane printer cannot print: " + expr),
            };
        }

        /// <summary>An operand: in parentheses when it is itself an operation, which keeps the order of evaluation as written.</summary>
        private string Operand(Expr expr)
        {
            string text = Lanes(expr);
            return IsUniform(expr) || expr is not (Binary or Unary) ? text : "(" + text + ")";
        }

        /// <summary>The same value in every lane: it reads neither the counter, nor the body's locals, nor the tape.</summary>
        private bool IsUniform(Expr expr) =>
            !ExprRewriter.VariablesAndArrays(expr).Any(name => name == counter || locals.Contains(name)) && !ExprRewriter.Contains(expr, e => e is TapePop);
    }
}
