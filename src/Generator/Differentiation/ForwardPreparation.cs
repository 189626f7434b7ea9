using System.Collections.Generic;
using System.Linq;
using SymGrad.Generator.Differentiation.Rules;
using SymGrad.Generator.IR;
using SymGrad.Generator.Lowering;
using SymGrad.Generator.Model;
using SymGrad.Generator.Naming;
using SymGrad.Generator.Normalization;

namespace SymGrad.Generator.Differentiation;

/// <summary>
/// Prepares the SSA body for the reverse sweep, in one forward pass after activity analysis (which leaves out
/// log-sum-exp shifts, <see cref="ShiftInvariance"/>; their statement's note says so):
/// <list type="bullet">
/// <item>values the derivative rules read (<see cref="RuleTable.Needs"/>) that are not already
/// plain variables are named by temporaries (<c>exp</c>, <c>sigmoid</c>, <c>product</c>, ...), so the
/// reverse sweep reuses them instead of recomputing them;</item>
/// <item>the condition of every <c>if</c> that holds active code is stored in a <c>bool</c>, so the
/// reverse sweep takes exactly the branch the forward sweep took;</item>
/// <item>an element write to an array that carries derivatives first saves the old element, which
/// the reverse sweep restores.</item>
/// </list>
/// </summary>
internal sealed class ForwardPreparation
{
    private readonly NameAllocator names;
    private readonly HashSet<string> active;

    /// <summary>Values already named in the current block or an enclosing one: reused, not recomputed.</summary>
    private Dictionary<Expr, string> named = new();

    /// <summary>The log-sum-exp statements whose shift has no derivative, by that shift's name (their notes say so).</summary>
    private readonly IReadOnlyDictionary<Stmt, string> shiftedStatements;

    private ForwardPreparation(NameAllocator names, HashSet<string> active, IReadOnlyDictionary<Stmt, string> shiftedStatements)
    {
        this.names = names;
        this.active = active;
        this.shiftedStatements = shiftedStatements;
    }

    public static (EquatableArray<Stmt> Body, HashSet<string> Active) Prepare(IReadOnlyList<Stmt> body, NameAllocator names, IEnumerable<string> differentiatedParameters)
    {
        Shifts shifts = ShiftInvariance.Find(body);
        HashSet<string> active = Activity.Compute(body, differentiatedParameters, shifts.Names);
        var preparation = new ForwardPreparation(names, active, shifts.Statements);
        List<Stmt> prepared = preparation.PrepareBlock(body);
        return (prepared.ToEquatableArray(), preparation.active);
    }

    private List<Stmt> PrepareBlock(IReadOnlyList<Stmt> block)
    {
        Dictionary<Expr, string> saved = named;
        named = new Dictionary<Expr, string>(saved);
        var output = new List<Stmt>();
        foreach (Stmt statement in block)
        {
            switch (statement)
            {
                case AssignStatement assign when Activity.IsActive(assign.Value, active):
                    var prelude = new List<Stmt>();
                    Expr value = NameNeededValues(assign.Value, isRoot: true, prelude);
                    output.AddRange(prelude);
                    output.Add(assign with { Value = value, Note = NoteShift(assign) });
                    Remember(value, assign.Target);
                    break;
                case AssignStatement assign:
                    output.Add(assign);
                    Remember(assign.Value, assign.Target);
                    break;
                case ElementAssignStatement element:
                    // Every overwritten element is saved: the reverse sweep may read the old one (as a
                    // coefficient) even when the array carries no derivative.
                    output.AddRange(PrepareElementAssignment(element));
                    break;
                case IfStatement branch:
                    output.AddRange(PrepareIf(branch));
                    break;
                case ForStatement loop:
                    output.Add(loop with { Body = PrepareBlock(loop.Body).ToEquatableArray() });
                    break;
                default:
                    output.Add(statement);
                    break;
            }
        }

        named = saved;
        return output;
    }

    /// <summary>The statement's note, saying which shift has no derivative when it is a log-sum-exp's (the reverse sweep's comment).</summary>
    private SourceNote NoteShift(AssignStatement assign) =>
        shiftedStatements.TryGetValue(assign, out string? shift) && assign.Note.Text.Length > 0
            ? assign.Note with { Text = assign.Note.Text + "  (" + names.SourceNameOf(shift) + " is the log-sum-exp's shift: its derivative is 0)" }
            : assign.Note;

    private IEnumerable<Stmt> PrepareElementAssignment(ElementAssignStatement element)
    {
        var prelude = new List<Stmt>();
        Expr value = Activity.IsActive(element.Value, active) ? NameNeededValues(element.Value, isRoot: false, prelude) : element.Value;
        string previous = names.Allocate("previous");
        prelude.Add(new AssignStatement(previous, new ElementRead(element.Array, element.Index, ValueKind.Double), SourceNote.None));
        prelude.Add(element with { Value = value, Saved = previous });
        return prelude;
    }

    private void Remember(Expr value, string name)
    {
        if (!IsAtomic(value) && !ExprRewriter.ReadsArrays(value) && !named.ContainsKey(value))
        {
            named[value] = name;
        }
    }

    private IEnumerable<Stmt> PrepareIf(IfStatement branch)
    {
        // Named before the branches so that outer conditions get the lower numbers; released if unused.
        string conditionName = names.Allocate("condition");
        List<Stmt> then = PrepareBlock(branch.Then);
        List<Stmt> otherwise = PrepareBlock(branch.Else);
        if (!Activity.HasActiveWork(then, active) && !Activity.HasActiveWork(otherwise, active))
        {
            names.Release(conditionName);
            return new Stmt[] { branch with { Then = then.ToEquatableArray(), Else = otherwise.ToEquatableArray() } };
        }

        var condition = new Variable(conditionName, ValueKind.Bool);
        return new Stmt[]
        {
            new AssignStatement(conditionName, branch.Condition, SourceNote.None),
            branch with { Condition = condition, Then = then.ToEquatableArray(), Else = otherwise.ToEquatableArray() },
        };
    }

    private Expr NameNeededValues(Expr expr, bool isRoot, List<Stmt> prelude)
    {
        Expr rebuilt = expr switch
        {
            Unary u => u with { Operand = NameNeededValues(u.Operand, false, prelude) },
            Binary b => b with { Left = NameNeededValues(b.Left, false, prelude), Right = NameNeededValues(b.Right, false, prelude) },
            Call c => c with { First = NameNeededValues(c.First, false, prelude), Second = c.Second is null ? null : NameNeededValues(c.Second, false, prelude) },
            UserCall u => u with { Arguments = u.Arguments.Select(a => NameNeededValues(a, false, prelude)).ToEquatableArray() },
            _ => expr,
        };

        if (!Activity.IsActive(rebuilt, active))
        {
            return rebuilt;
        }

        if (rebuilt is UserCall)
        {
            // The reverse sweep calls the derivative method with the same arguments; the call's value is computed once.
            return isRoot ? rebuilt : Name(rebuilt, prelude);
        }

        (Expr? first, Expr? second) = RuleTable.OperandsOf(rebuilt);
        NeededValues needs = RuleTable.Needs(rebuilt, first is not null && Activity.IsActive(first, active), second is not null && Activity.IsActive(second, active));
        if (needs.HasFlag(NeededValues.First) && first is not null)
        {
            rebuilt = ReplaceOperand(rebuilt, 0, Name(first, prelude));
        }

        if (needs.HasFlag(NeededValues.Second) && second is not null)
        {
            rebuilt = ReplaceOperand(rebuilt, 1, Name(second, prelude));
        }

        return needs.HasFlag(NeededValues.Self) && !isRoot ? Name(rebuilt, prelude) : rebuilt;
    }

    private Expr Name(Expr value, List<Stmt> prelude)
    {
        if (IsAtomic(value))
        {
            return value;
        }

        if (named.TryGetValue(value, out string? existing))
        {
            return new Variable(existing, value.Kind);
        }

        string name = names.Allocate(Names.StemOf(value));
        if (!ExprRewriter.ReadsArrays(value))
        {
            named[value] = name;
        }

        prelude.Add(new AssignStatement(name, value, SourceNote.None));
        if (Activity.IsActive(value, active))
        {
            active.Add(name);
        }

        return new Variable(name, value.Kind);
    }

    /// <summary>
    /// Cheap to evaluate again and never changed by the code between: variables, constants, and
    /// element reads (their integer index is cheap to recompute, and an array's elements are restored
    /// before the reverse sweep reads them), so they need no temporary and no place on the tape.
    /// </summary>
    internal static bool IsAtomic(Expr expr) => expr switch
    {
        Variable or Constant or IntConstant or BoolConstant or Opaque or LengthOf or TapePop or ElementRead or MatrixRead => true,
        Unary { Operator: UnaryOperator.Negate or UnaryOperator.ToDouble, Operand: var operand } => IsAtomic(operand),
        _ => false,
    };

    private static Expr ReplaceOperand(Expr expr, int index, Expr operand) => (expr, index) switch
    {
        (Binary b, 0) => b with { Left = operand },
        (Binary b, _) => b with { Right = operand },
        (Call c, 0) => c with { First = operand },
        (Call c, _) => c with { Second = operand },
        _ => expr,
    };

}
