using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using SymGrad.Generator.Diagnostics;
using SymGrad.Generator.IR;
using SymGrad.Generator.Model;

namespace SymGrad.Generator.Lowering;

/// <summary>
/// Loops. Every form lowers to a <see cref="ForStatement"/> (see docs/loops-and-arrays.md):
/// <list type="bullet">
/// <item><c>for (int i = s; i &lt; e; i++)</c> (or <c>&lt;=</c>, or counting down with <c>&gt;</c>/<c>&gt;=</c>
/// and <c>i--</c>) as it is; with <c>!=</c> and a step of one, the same loop after a check that the
/// counter reaches the bound;</item>
/// <item>any other constant step <c>k</c>: a counter <c>iTrip</c> stepping by one over the trip count,
/// computed once before the loop, and <c>int i = s + iTrip * k;</c> at the top of the body;</item>
/// <item><c>while (c)</c>, <c>do ... while (c)</c> and <c>for (;;)</c>: a counter from 0 to
/// <c>int.MaxValue</c> with the exit <c>!c</c> (for <c>do</c>, <c>iteration != 0 &amp;&amp; !c</c>), tested
/// before each iteration; so is the rest of a <c>for</c> condition after <c>i &lt; e &amp;&amp;</c>;</item>
/// <item><c>break</c>, <c>continue</c> and <c>return</c> stay statements of the IR here; the
/// normalisation steps turn them into flags, guards and exits.</item>
/// </list>
/// Anything else is SYMGRAD0017 at the construct.
/// </summary>
internal sealed partial class BodyLowerer
{
    /// <summary>The bound of a loop that only its exit can stop (<c>while</c>, <c>do</c>).</summary>
    private static readonly Expr Unbounded = new Opaque("int.MaxValue", ValueKind.Int);

    private void LowerFor(IForLoopOperation loop)
    {
        if (loop.Before.Length == 0 && loop.Condition is null && loop.AtLoopBottom.Length == 0)
        {
            // for (;;): a loop that only break or return ends, like while (true).
            LowerConditionLoop(loop, null, doWhile: false, new SourceNote("for (;;)", LineOf(loop.Syntax)));
            return;
        }

        if (!TryReadHeader(loop, out LoopHeader? header))
        {
            diagnostics.Add(DiagnosticDescriptors.UnsupportedLoop, ((ForStatementSyntax)loop.Syntax).ForKeyword.GetLocation(), "The loop header '" + HeaderText(loop) + "'");

            // The body is still checked, so an unsupported call in it is reported in the same build.
            LowerLoopBody(loop.Body);
            return;
        }

        string counterName = CounterName(header!.Counter);
        var note = new SourceNote("for (" + HeaderText(loop) + ")", LineOf(loop.Syntax));
        var one = new IntConstant(1);
        Expr start = header.Start;
        Expr limit = header.Limit;
        int step = header.Step;
        if (step is 1 or -1 && limit is IntConstant { Value: int.MaxValue } && header.Comparison is BinaryOperatorKind.GreaterThan or BinaryOperatorKind.LessThanOrEqual)
        {
            // The bound one past int.MaxValue is not an int: 'i > int.MaxValue' never holds (the loop never runs: the counter
            // keeps its start), and 'i <= int.MaxValue' always holds (the source loop never stops).
            if (header.Comparison == BinaryOperatorKind.LessThanOrEqual)
            {
                Report(DiagnosticDescriptors.UnsupportedLoop, ((ForStatementSyntax)loop.Syntax).ForKeyword.Parent!, "The loop '" + note.Text + "' (line " + note.Line.ToString(System.Globalization.CultureInfo.InvariantCulture) + ") never stops: every int is at most int.MaxValue");
                return;
            }

            List<Stmt> kept = current;
            current = new List<Stmt>();
            LowerBodyWithCondition(loop.Body, header.Rest, loop, counterName, doWhile: false); // still checked, so its problems are reported
            current = kept;
            current.Add(new AssignStatement(counterName, start, new SourceNote(note.Text + " never runs: no int is greater than int.MaxValue", note.Line)));
            return;
        }

        if (step is 1 or -1)
        {
            Expr end;
            bool descending = step < 0;
            switch (header.Comparison)
            {
                case BinaryOperatorKind.LessThan or BinaryOperatorKind.GreaterThanOrEqual:
                    end = limit;
                    break;
                case BinaryOperatorKind.LessThanOrEqual:
                    end = new Binary(BinaryOperator.Add, limit, one, ValueKind.Int);
                    break;
                case BinaryOperatorKind.GreaterThan:
                    end = new Binary(BinaryOperator.Add, limit, one, ValueKind.Int);
                    break;
                default:
                    // i != e stepping by one: runs from s to e when e is on the side the counter moves to.
                    end = descending ? new Binary(BinaryOperator.Add, limit, one, ValueKind.Int) : limit;
                    var missed = new Binary(descending ? BinaryOperator.Greater : BinaryOperator.Less, limit, start, ValueKind.Bool);
                    current.Add(new FailWhenStatement(missed, NeverReaches(note), note));
                    break;
            }

            loopCounters.Add(counterName);
            (EquatableArray<Stmt> body, Expr? exit) = LowerBodyWithCondition(loop.Body, header.Rest, loop, counterName, doWhile: false);
            loopCounters.Remove(counterName);
            ReportBoundsAssignedInBody(loop, start, limit, body);
            current.Add(new ForStatement(nextLoopId++, counterName, start, end, descending, body, EquatableArray<string>.Empty, note, exit, exit is null ? null : StopName(counterName)));
            return;
        }

        // Any other constant step: a unit counter over the trip count, and the source counter computed from it.
        string trip = names.Allocate(counterName + "Trip");
        string trips = names.Allocate(counterName + "Trips");
        var k = new IntConstant(step);
        var distance = step > 0 ? new Binary(BinaryOperator.Subtract, limit, start, ValueKind.Int) : new Binary(BinaryOperator.Subtract, start, limit, ValueKind.Int);
        int size = System.Math.Abs(step);
        Expr count;
        if (header.Comparison == BinaryOperatorKind.NotEquals)
        {
            // (e - s) / k iterations when that is a whole, non-negative number; otherwise the counter
            // steps past the bound and C# would loop until it overflows: fail rather than guess.
            Expr difference = IntegerFolding.Fold(new Binary(BinaryOperator.Subtract, limit, start, ValueKind.Int));
            var missed = new Binary(
                BinaryOperator.Or,
                new Binary(BinaryOperator.NotEqual, new Binary(BinaryOperator.Remainder, difference, k, ValueKind.Int), new IntConstant(0), ValueKind.Bool),
                new Binary(BinaryOperator.Less, new Binary(BinaryOperator.Divide, difference, k, ValueKind.Int), new IntConstant(0), ValueKind.Bool),
                ValueKind.Bool);
            current.Add(new FailWhenStatement(missed, NeverReaches(note), note));
            count = new Binary(BinaryOperator.Divide, difference, k, ValueKind.Int);
        }
        else
        {
            // Ceiling division of the distance to an exclusive bound (an inclusive one is one step further), at least 0.
            bool inclusive = header.Comparison is BinaryOperatorKind.LessThanOrEqual or BinaryOperatorKind.GreaterThanOrEqual;
            Expr numerator = IntegerFolding.Fold(new Binary(BinaryOperator.Add, distance, new IntConstant(inclusive ? size : size - 1), ValueKind.Int));
            count = new IntCall(MathFunction.Max, new IntConstant(0), new Binary(BinaryOperator.Divide, numerator, new IntConstant(size), ValueKind.Int));
        }

        current.Add(new AssignStatement(trips, IntegerFolding.Fold(count), new SourceNote("(the number of iterations of " + note.Text + ")", note.Line)));
        var tripVariable = new Variable(trip, ValueKind.Int);
        Expr offset = step > 0
            ? new Binary(BinaryOperator.Add, start, new Binary(BinaryOperator.Multiply, tripVariable, new IntConstant(size), ValueKind.Int), ValueKind.Int)
            : new Binary(BinaryOperator.Subtract, start, new Binary(BinaryOperator.Multiply, tripVariable, new IntConstant(size), ValueKind.Int), ValueKind.Int);
        var counterValue = new AssignStatement(counterName, IntegerFolding.Fold(offset), note);
        loopCounters.Add(counterName);
        (EquatableArray<Stmt> stridedBody, Expr? stridedExit) = LowerBodyWithCondition(loop.Body, header.Rest, loop, counterName, doWhile: false, first: counterValue);
        loopCounters.Remove(counterName);
        ReportBoundsAssignedInBody(loop, start, limit, stridedBody);
        current.Add(new ForStatement(nextLoopId++, trip, new IntConstant(0), new Variable(trips, ValueKind.Int), false, stridedBody, EquatableArray<string>.Empty, note, stridedExit, stridedExit is null ? null : StopName(trip)));
    }

    /// <summary><c>while (c)</c> and <c>do ... while (c)</c>: a counter from 0, stopped by the exit.</summary>
    private void LowerWhile(IWhileLoopOperation loop)
    {
        if (loop.ConditionIsUntil || loop.IgnoredCondition is not null)
        {
            Report(DiagnosticDescriptors.UnsupportedLoop, loop.Syntax, DescribeStatement(loop.Syntax));
            return;
        }

        string header = loop.Syntax switch
        {
            WhileStatementSyntax w => "while (" + OneLine(w.Condition) + ")",
            DoStatementSyntax d => "do ... while (" + OneLine(d.Condition) + ")",
            _ => OneLine(loop.Syntax),
        };
        LowerConditionLoop(loop, loop.Condition, !loop.ConditionIsTop, new SourceNote(header, LineOf(loop.Syntax)));
    }

    private void LowerConditionLoop(ILoopOperation loop, IOperation? condition, bool doWhile, SourceNote note)
    {
        InitialiseLocalsFirstAssignedInside(loop);
        string counter = names.Allocate("iteration");
        (EquatableArray<Stmt> body, Expr? exit) = LowerBodyWithCondition(loop.Body, condition, loop, counter, doWhile);
        current.Add(new ForStatement(nextLoopId++, counter, new IntConstant(0), Unbounded, false, body, EquatableArray<string>.Empty, note, exit, exit is null ? null : StopName(counter)));
    }

    /// <summary>
    /// Lowers a loop body and the condition that keeps it running (null: only the header's bound).
    /// A condition that lowers to one expression becomes the loop's exit, <c>!c</c> (for a <c>do</c>
    /// loop, not before the first iteration). One that needs statements of its own (a conditional
    /// expression, a split-up long expression) is evaluated at the top of the body instead, followed
    /// by <c>if (!c) break;</c>, which the loop-exit normalisation turns into the exit; so is one that
    /// reads a strided loop's counter, computed by <paramref name="first"/> at the top of the body.
    /// </summary>
    private (EquatableArray<Stmt> Body, Expr? Exit) LowerBodyWithCondition(IOperation body, IOperation? condition, IOperation loop, string counter, bool doWhile, Stmt? first = null)
    {
        if (condition is null)
        {
            return (LowerLoopBody(body, first), null);
        }

        List<Stmt> saved = current;
        current = new List<Stmt>();
        Expr test = LowerExpression(condition);
        List<Stmt> prelude = current;
        current = saved;
        if (test is BoolConstant { Value: true })
        {
            return (LowerLoopBody(body, first), null);
        }

        var counterVariable = new Variable(counter, ValueKind.Int);
        Expr notFirst = new Binary(BinaryOperator.NotEqual, counterVariable, new IntConstant(0), ValueKind.Bool);
        Expr stop = new Unary(UnaryOperator.Not, test, ValueKind.Bool);
        if (prelude.Count == 0 && (first is not AssignStatement computed || !Normalization.ExprRewriter.Variables(test).Contains(computed.Target)))
        {
            Expr exit = doWhile ? new Binary(BinaryOperator.And, notFirst, stop, ValueKind.Bool) : stop;
            return (LowerLoopBody(body, first), exit);
        }

        var conditionNote = new SourceNote("(the loop condition)", LineOf(loop.Syntax));
        var breakWhenFalse = new IfStatement(stop, new EquatableArray<Stmt>(new Stmt[] { new BreakStatement(conditionNote) }), EquatableArray<Stmt>.Empty, conditionNote);
        prelude.Add(breakWhenFalse);
        var head = new List<Stmt>();
        if (first is not null)
        {
            head.Add(first);
        }

        if (doWhile)
        {
            head.Add(new IfStatement(notFirst, prelude.ToEquatableArray(), EquatableArray<Stmt>.Empty, conditionNote));
        }
        else
        {
            head.AddRange(prelude);
        }

        return (LowerLoopBody(body, head), null);
    }

    /// <summary>
    /// <c>double v; do { v = ...; } while (v &gt; 1); return v;</c> is valid C#: a <c>do</c> body always runs,
    /// and a <c>while (true)</c> loop ends only where the body chose to. Such a local, declared before the
    /// loop but first assigned inside it, is read after the loop (or by the condition) through the
    /// loop's carried variable; it starts at its default value so that variable exists before the loop.
    /// </summary>
    private void InitialiseLocalsFirstAssignedInside(ILoopOperation loop)
    {
        if (loop.SemanticModel is not { } model || loop.Syntax is not StatementSyntax statement)
        {
            return;
        }

        DataFlowAnalysis? flow = model.AnalyzeDataFlow(statement);
        if (flow is null || !flow.Succeeded)
        {
            return;
        }

        foreach (ILocalSymbol local in flow.WrittenInside.OfType<ILocalSymbol>())
        {
            if (!flow.VariablesDeclared.Contains(local, SymbolEqualityComparer.Default)
                && !flow.DefinitelyAssignedOnEntry.Contains(local, SymbolEqualityComparer.Default)
                && !loopCounters.Contains(LocalName(local))
                && MethodLowerer.KindOf(local.Type) is { } kind)
            {
                Expr initial = kind switch
                {
                    ValueKind.Double => Constant.Zero,
                    ValueKind.Int => new IntConstant(0),
                    _ => new BoolConstant(false),
                };
                current.Add(new AssignStatement(LocalName(local), initial, new SourceNote("(" + local.Name + " is first assigned inside the loop)", LineOf(loop.Syntax))));
            }
        }
    }

    private string StopName(string counter) => names.Allocate(counter + "Stop");

    private static string NeverReaches(SourceNote note) =>
        "The loop '" + note.Text + "' (line " + note.Line.ToString(System.Globalization.CultureInfo.InvariantCulture) + ") would step past its bound and never stop: SymGrad differentiates a '!=' loop only when the bound minus the start is a non-negative multiple of the step.";

    private void LowerForEach(IForEachLoopOperation loop)
    {
        IOperation collection = loop.Collection is IConversionOperation { IsImplicit: true } conversion ? conversion.Operand : loop.Collection;
        ILocalSymbol? element = (loop.LoopControlVariable as IVariableDeclaratorOperation)?.Symbol;
        string? array = ArrayName(collection);
        ValueKind? collectionKind = collection.Type is null ? null : MethodLowerer.ArrayKindOf(collection.Type);
        if (element is not null && !CheckLocalPrecision(element, loop.Syntax is ForEachStatementSyntax declared ? declared.Type : loop.Syntax))
        {
            return;
        }

        if (array is null || element is null || MethodLowerer.KindOf(element.Type) is not { } elementKind
            || collectionKind is not (ValueKind.DoubleArray or ValueKind.IntArray)
            || elementKind != (collectionKind == ValueKind.DoubleArray ? ValueKind.Double : ValueKind.Int))
        {
            Report(DiagnosticDescriptors.UnsupportedLoop, loop.Syntax is ForEachStatementSyntax f ? f.Expression : loop.Syntax, "A 'foreach' over '" + OneLine(loop.Collection.Syntax) + "' (foreach works over a double or int array or span parameter or local, with an iteration variable of its element type)");
            return;
        }

        string counter = names.Allocate("index");
        var read = new ElementRead(array, new Variable(counter, ValueKind.Int), elementKind);
        var note = new SourceNote("foreach (" + element.Type.ToDisplayString() + " " + element.Name + " in " + OneLine(loop.Collection.Syntax) + ")", LineOf(loop.Syntax));
        EquatableArray<Stmt> body = LowerLoopBody(loop.Body, new AssignStatement(LocalName(element), read, note));
        current.Add(new ForStatement(nextLoopId++, counter, new IntConstant(0), new LengthOf(array), false, body, EquatableArray<string>.Empty, note));
    }

    private EquatableArray<Stmt> LowerLoopBody(IOperation body, Stmt? first = null) =>
        LowerLoopBody(body, first is null ? new List<Stmt>() : new List<Stmt> { first });

    private EquatableArray<Stmt> LowerLoopBody(IOperation body, List<Stmt> head)
    {
        loopDepth++;
        var saved = current;
        current = head;

        LowerStatement(body);
        EquatableArray<Stmt> lowered = current.ToEquatableArray();
        current = saved;
        loopDepth--;
        return lowered;
    }

    /// <summary>A <c>for</c> header: the counter, its start, the comparison with the bound, the constant step, and the rest of the condition after <c>&amp;&amp;</c>.</summary>
    private sealed record LoopHeader(ILocalSymbol Counter, Expr Start, BinaryOperatorKind Comparison, Expr Limit, int Step, IOperation? Rest);

    /// <summary>
    /// Reads <c>int i = start; i OP limit [&amp;&amp; rest]; i += k</c> with OP one of <c>&lt; &lt;= &gt; &gt;= !=</c>
    /// and a constant step that moves the counter towards the bound (any sign for <c>!=</c>).
    /// </summary>
    private bool TryReadHeader(IForLoopOperation loop, out LoopHeader? header)
    {
        header = null;
        IOperation? condition = loop.Condition;
        IOperation? rest = null;
        if (condition is IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd } conjunction && conjunction.LeftOperand is IBinaryOperation { LeftOperand: ILocalReferenceOperation })
        {
            condition = conjunction.LeftOperand;
            rest = conjunction.RightOperand;
        }

        if (loop.Before.Length != 1
            || loop.Before[0] is not IVariableDeclarationGroupOperation { Declarations.Length: 1 } group
            || group.Declarations[0].Declarators.Length != 1
            || group.Declarations[0].Declarators[0] is not { Symbol.Type.SpecialType: SpecialType.System_Int32 } declarator
            || (declarator.Initializer ?? group.Declarations[0].Initializer) is not { } initializer
            || condition is not IBinaryOperation { LeftOperand: ILocalReferenceOperation bound } comparison
            || !SymbolEqualityComparer.Default.Equals(bound.Local, declarator.Symbol)
            || comparison.RightOperand.Type?.SpecialType != SpecialType.System_Int32
            || loop.AtLoopBottom.Length != 1
            || StepOf(loop.AtLoopBottom[0], declarator.Symbol) is not { } step
            || step == 0)
        {
            return false;
        }

        bool fits = comparison.OperatorKind switch
        {
            BinaryOperatorKind.LessThan or BinaryOperatorKind.LessThanOrEqual => step > 0,
            BinaryOperatorKind.GreaterThan or BinaryOperatorKind.GreaterThanOrEqual => step < 0,
            BinaryOperatorKind.NotEquals => true,
            _ => false,
        };
        if (!fits)
        {
            return false;
        }

        header = new LoopHeader(declarator.Symbol, LowerExpression(initializer.Value), comparison.OperatorKind, LowerExpression(comparison.RightOperand), step, rest);
        return true;
    }

    /// <summary>The constant step of <c>i++</c>, <c>++i</c>, <c>i += k</c>, <c>i -= k</c> and the decrements; null otherwise.</summary>
    private static int? StepOf(IOperation bottom, ILocalSymbol counter)
    {
        IOperation operation = bottom is IExpressionStatementOperation statement ? statement.Operation : bottom;
        bool isCounter(IOperation target) => target is ILocalReferenceOperation local && SymbolEqualityComparer.Default.Equals(local.Local, counter);
        return operation switch
        {
            IIncrementOrDecrementOperation increment when isCounter(increment.Target) => increment.Kind == OperationKind.Increment ? 1 : -1,
            ICompoundAssignmentOperation { Value.ConstantValue: { HasValue: true, Value: int k } } compound when isCounter(compound.Target) && k != int.MinValue =>
                compound.OperatorKind switch
                {
                    BinaryOperatorKind.Add => k,
                    BinaryOperatorKind.Subtract => -k,
                    _ => null,
                },
            _ => null,
        };
    }

    private static string HeaderText(IForLoopOperation loop) =>
        loop.Syntax is ForStatementSyntax f
            ? (f.Declaration is null ? string.Join(", ", f.Initializers.Select(OneLine)) : OneLine(f.Declaration))
                + "; " + (f.Condition is null ? string.Empty : OneLine(f.Condition)) + "; " + string.Join(", ", f.Incrementors.Select(OneLine))
            : OneLine(loop.Syntax);

    /// <summary>C# re-reads the bounds every iteration; SymGrad reads them once, so the body must not change them.</summary>
    private void ReportBoundsAssignedInBody(IForLoopOperation loop, Expr start, Expr end, EquatableArray<Stmt> body)
    {
        var assigned = new System.Collections.Generic.HashSet<string>();
        CollectAssigned(body, assigned);
        foreach (string name in Normalization.ExprRewriter.Variables(end).Concat(Normalization.ExprRewriter.Variables(start)).Distinct())
        {
            if (assigned.Contains(name))
            {
                diagnostics.Add(DiagnosticDescriptors.UnsupportedLoop, ((ForStatementSyntax)loop.Syntax).ForKeyword.GetLocation(), "The loop bound '" + name + "' is assigned in the loop body");
            }
        }
    }

    private static void CollectAssigned(System.Collections.Generic.IEnumerable<Stmt> block, System.Collections.Generic.HashSet<string> into) =>
        into.UnionWith(StatementWalker.AssignedNames(block));
}
