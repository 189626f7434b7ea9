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
/// Loops: <c>for</c> with an integer counter stepping by one towards a bound, and <c>foreach</c> over
/// a double array or span (lowered to a <c>for</c> that reads the element first). Anything else is
/// SYMGRAD0017 at the loop.
/// </summary>
internal sealed partial class BodyLowerer
{
    private void LowerFor(IForLoopOperation loop)
    {
        if (!TryReadHeader(loop, out ILocalSymbol? counter, out Expr start, out Expr end, out bool descending))
        {
            diagnostics.Add(DiagnosticDescriptors.UnsupportedLoop, ((ForStatementSyntax)loop.Syntax).ForKeyword.GetLocation(), "The loop header '" + HeaderText(loop) + "'");

            // The body is still checked, so a 'break' or an unsupported call in it is reported in the same build.
            LowerLoopBody(loop.Body);
            return;
        }

        string counterName = CounterName(counter!);
        loopCounters.Add(counterName);
        EquatableArray<Stmt> body = LowerLoopBody(loop.Body);
        loopCounters.Remove(counterName);
        ReportBoundsAssignedInBody(loop, start, end, body);
        var note = new SourceNote("for (" + HeaderText(loop) + ")", LineOf(loop.Syntax));
        current.Add(new ForStatement(nextLoopId++, counterName, start, end, descending, body, EquatableArray<string>.Empty, note));
    }

    private void LowerForEach(IForEachLoopOperation loop)
    {
        IOperation collection = loop.Collection is IConversionOperation { IsImplicit: true } conversion ? conversion.Operand : loop.Collection;
        ILocalSymbol? element = (loop.LoopControlVariable as IVariableDeclaratorOperation)?.Symbol;
        string? array = ArrayName(collection);
        ValueKind? collectionKind = collection.Type is null ? null : MethodLowerer.ArrayKindOf(collection.Type);
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

    private EquatableArray<Stmt> LowerLoopBody(IOperation body, Stmt? first = null)
    {
        loopDepth++;
        var saved = current;
        current = new System.Collections.Generic.List<Stmt>();
        if (first is not null)
        {
            current.Add(first);
        }

        LowerStatement(body);
        EquatableArray<Stmt> lowered = current.ToEquatableArray();
        current = saved;
        loopDepth--;
        return lowered;
    }

    /// <summary>Reads <c>int i = start; i &lt; end; i++</c> (or <c>&lt;=</c>, or <c>&gt;</c>/<c>&gt;=</c> with <c>i--</c>).</summary>
    private bool TryReadHeader(IForLoopOperation loop, out ILocalSymbol? counter, out Expr start, out Expr end, out bool descending)
    {
        counter = null;
        start = end = Invalid;
        descending = false;
        if (loop.Before.Length != 1
            || loop.Before[0] is not IVariableDeclarationGroupOperation { Declarations.Length: 1 } group
            || group.Declarations[0].Declarators.Length != 1
            || group.Declarations[0].Declarators[0] is not { Symbol.Type.SpecialType: SpecialType.System_Int32 } declarator
            || (declarator.Initializer ?? group.Declarations[0].Initializer) is not { } initializer
            || loop.Condition is not IBinaryOperation { LeftOperand: ILocalReferenceOperation bound } condition
            || !SymbolEqualityComparer.Default.Equals(bound.Local, declarator.Symbol)
            || loop.AtLoopBottom.Length != 1
            || StepOf(loop.AtLoopBottom[0], declarator.Symbol) is not { } step)
        {
            return false;
        }

        counter = declarator.Symbol;
        start = LowerExpression(initializer.Value);
        Expr limit = LowerExpression(condition.RightOperand);
        Expr one = new IntConstant(1);
        switch (condition.OperatorKind)
        {
            case BinaryOperatorKind.LessThan when step > 0:
                end = limit;
                return true;
            case BinaryOperatorKind.LessThanOrEqual when step > 0:
                end = new Binary(BinaryOperator.Add, limit, one, ValueKind.Int);
                return true;
            case BinaryOperatorKind.GreaterThanOrEqual when step < 0:
                descending = true;
                end = limit;
                return true;
            case BinaryOperatorKind.GreaterThan when step < 0:
                descending = true;
                end = new Binary(BinaryOperator.Add, limit, one, ValueKind.Int);
                return true;
            default:
                return false;
        }
    }

    /// <summary>+1 for <c>i++</c>, <c>++i</c>, <c>i += 1</c>; -1 for the decrements; null otherwise.</summary>
    private static int? StepOf(IOperation bottom, ILocalSymbol counter)
    {
        IOperation operation = bottom is IExpressionStatementOperation statement ? statement.Operation : bottom;
        bool isCounter(IOperation target) => target is ILocalReferenceOperation local && SymbolEqualityComparer.Default.Equals(local.Local, counter);
        return operation switch
        {
            IIncrementOrDecrementOperation increment when isCounter(increment.Target) => increment.Kind == OperationKind.Increment ? 1 : -1,
            ICompoundAssignmentOperation { Value.ConstantValue: { HasValue: true, Value: 1 } } compound when isCounter(compound.Target) =>
                compound.OperatorKind switch
                {
                    BinaryOperatorKind.Add => 1,
                    BinaryOperatorKind.Subtract => -1,
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

    private static void CollectAssigned(System.Collections.Generic.IEnumerable<Stmt> block, System.Collections.Generic.HashSet<string> into)
    {
        foreach (Stmt statement in block)
        {
            switch (statement)
            {
                case AssignStatement assign:
                    into.Add(assign.Target);
                    break;
                case IfStatement branch:
                    CollectAssigned(branch.Then, into);
                    CollectAssigned(branch.Else, into);
                    break;
                case ForStatement inner:
                    CollectAssigned(inner.Body, into);
                    break;
            }
        }
    }
}
